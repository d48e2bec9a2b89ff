import ArgumentParser
import FaceSearch
import FaceSearchServer
import FaceStore
import FaceVision
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service (stops gracefully on SIGTERM or SIGINT).",
        discussion: """
            Each setting comes from the first of: its flag, its FACESEARCH_* environment variable, \
            the JSON config file (--config or FACESEARCH_CONFIG), the default. See docs/OPERATIONS.md.

            SETTINGS (flag, environment variable, config key):
            \(ServeCommand.settingsHelp)
            """
    )

    @Option(help: "A JSON config file (default: $FACESEARCH_CONFIG, or none).") var config: String?
    @OptionGroup var tuning: DetectionTuningOptions
    /// The setting flags (`--port 8080`...): declared once, in `ServiceSettings.declarations`,
    /// and read with the environment and the config file through one `ConfigReader`.
    @Argument(parsing: .allUnrecognized, help: .hidden) var settingFlags: [String] = []

    /// Every setting as the help lists it: its flag, variable and key, then its help line.
    static var settingsHelp: String {
        ServiceSettings.declarations.map { setting in
            let value = setting.isSwitch ? "" : " <value>"
            let shorthand = setting.shorthand.map { " (\($0.flag): \($0.value))" } ?? ""
            return "  \(setting.flag)\(value), \(setting.environmentVariable), \(setting.key)\(shorthand)\n"
                + "        \(setting.help)"
        }.joined(separator: "\n")
    }

    /// Flags over environment over config file over defaults.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) async throws
        -> ServiceSettings
    {
        try await ServiceSettings.load(
            arguments: settingFlags, environment: environment,
            configFile: config ?? environment["FACESEARCH_CONFIG"].flatMap { $0.isEmpty ? nil : $0 })
    }

    func run() async throws {
        var logger = Logger(label: "facesearch.server")
        logger.logLevel = .info
        // Read once, here: a bad setting is a usage error (exit 64) in one line naming it.
        let settings: ServiceSettings
        do {
            settings = try await self.settings()
        } catch let error as SettingsError {
            printError("serve: \(error.description)")
            throw ExitCode.validationFailure
        }
        try await reportingFailures {
            // Logged, not printed: standard output is block-buffered under a service manager.
            logger.info("configuration", metadata: settings.logMetadata.mapValues { .string($0) })
            if settings.authentication == .disabled {
                logger.warning(
                    "authentication disabled: every request is allowed",
                    metadata: ["host": "\(settings.host)"])
            } else {
                try await requireAKey(in: settings.data)
            }
            var pipelineConfiguration = tuning.configuration(detector: nil, embedder: nil)
            pipelineConfiguration.models = settings.pipelineModels
            let pipeline = try FacePipeline(
                models: settings.models.map(ModelFolder.init(path:)) ?? .resolve(),
                configuration: pipelineConfiguration, workers: settings.workers,
                queueCapacity: settings.queueCapacity, logger: quietLogger)
            let vectorStore = try VectorStoreOption.open(settings.milvus, logger: logger)
            let engine = try await FaceSearchEngine.open(
                dataFolder: settings.data, pipeline: pipeline, logger: logger,
                searchCacheBytes: settings.searchCacheMiB << 20,
                thumbnailCacheBytes: settings.thumbnailCacheMiB << 20,
                legacyDetector: settings.sources["detector"] == .default
                    ? FaceSearchEngine.legacyDetector : settings.pipelineModels.detector,
                vectorStore: vectorStore)
            // The process's one swift-metrics backend, and the stage timings, wired here.
            let metrics = ServiceMetrics()
            metrics.bootstrapMetricsSystem()
            pipeline.observeTimings { metrics.record($0) }
            let app = buildApplication(
                engine: engine, configuration: settings.serverConfiguration, metrics: metrics, logger: logger)
            let services = ServiceGroup(
                configuration: .init(
                    services: [
                        .init(service: PeriodicService.indexSaver(engine: engine, logger: logger)),
                        .init(service: PeriodicService.indexRepairer(engine: engine, logger: logger)),
                        .init(service: app),
                        .init(
                            service: ShutdownNotice(
                                graceSeconds: settings.shutdownGraceSeconds, logger: logger)),
                    ],
                    gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await services.run()
            engine.pipeline.shutdown()
            logger.info("stopped")
        }
    }

    /// Refuses to start a server that requires keys when none is valid: it
    /// would answer every request with 401. The store is opened and closed
    /// here, before the engine opens it again.
    private func requireAKey(in data: String) async throws {
        let keys = try await FaceStore.open(folder: data, logger: quietLogger).keys()
        if !keys.contains(where: { $0.revokedAt == nil }) {
            throw CommandFailure(
                description: """
                    no API key in \(data): create one first with
                      facesearch keys create --name NAME --scope admin --data \(data)
                    or serve without keys on this machine only with --no-auth
                    """)
        }
    }
}
