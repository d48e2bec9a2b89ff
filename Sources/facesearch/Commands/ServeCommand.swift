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
            """
    )

    @Option(help: "A JSON config file (default: $FACESEARCH_CONFIG, or none).") var config: String?
    @Option(help: "The address to listen on (default 127.0.0.1).") var host: String?
    @Option(help: "The port to listen on (default 8080).") var port: Int?
    @Option(help: "The data folder (default ./data).") var data: String?
    @Option(help: "Photos that may wait for a worker before requests get 429 (default 64).")
    var queueCapacity: Int?
    @Option(help: "The largest request body accepted, in bytes (default 20 MiB).") var maxBodyBytes: Int?
    @Option(help: "The most matches a search may ask for per face (default 1000).") var maxTopK: Int?
    @Option(help: "An origin whose pages may call the API, or * (repeatable; default: CORS off).")
    var corsOrigin: [String] = []
    @Option(help: "The search result cache bound in MiB; 0 turns it off (default 64).") var searchCacheMib:
        Int?
    @Option(help: "The face thumbnail cache bound in MiB; 0 turns it off (default 16).")
    var thumbnailCacheMib: Int?
    @Option(help: "Seconds an idle connection is kept open (default 60).") var idleTimeoutSeconds: Int?
    @Option(help: "Seconds requests in flight may run on after SIGTERM or SIGINT (default 30).")
    var shutdownGraceSeconds: Int?
    @Option(help: "The Milvus that holds the vectors, HOST:PORT (default: none, vectors in process).")
    var milvus: String?
    @Flag(help: "Serve without API keys: anyone who can connect may do anything.") var noAuth = false
    @Flag(help: "Allow --no-auth on an address other than loopback.") var allowUnauthenticatedRemote = false
    @Flag(help: "Ask for an API key (any scope) on /metrics too (default: open, like the probes).")
    var metricsRequireKey = false
    @OptionGroup var pipelineOptions: PipelineOptions

    /// The settings the flags give (nil where a flag is absent).
    private var flagLayer: ServiceSettings.Layer {
        var layer = ServiceSettings.Layer()
        layer.host = host
        layer.port = port
        layer.data = data
        layer.models = pipelineOptions.models
        layer.workers = pipelineOptions.workers
        layer.detector = pipelineOptions.detector?.rawValue
        layer.embedder = pipelineOptions.embedder?.rawValue
        layer.queueCapacity = queueCapacity
        layer.maxBodyBytes = maxBodyBytes
        layer.maxTopK = maxTopK
        layer.auth = noAuth ? ServerConfiguration.Authentication.disabled.rawValue : nil
        layer.allowUnauthenticatedRemote = allowUnauthenticatedRemote ? true : nil
        layer.metricsRequireKey = metricsRequireKey ? true : nil
        layer.corsOrigins = corsOrigin.isEmpty ? nil : corsOrigin
        layer.searchCacheMiB = searchCacheMib
        layer.thumbnailCacheMiB = thumbnailCacheMib
        layer.idleTimeoutSeconds = idleTimeoutSeconds
        layer.shutdownGraceSeconds = shutdownGraceSeconds
        layer.milvus = milvus
        return layer
    }

    /// Flags over environment over config file over defaults.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ServiceSettings
    {
        var layers: [(ServiceSettings.Source, ServiceSettings.Layer)] = [
            (.flag, flagLayer), (.environment, try ServiceSettings.Layer(environment: environment)),
        ]
        if let path = config ?? environment["FACESEARCH_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) {
            layers.append((.file, try ServiceSettings.Layer(configFile: path)))
        }
        return try ServiceSettings(layers: layers)
    }

    func run() async throws {
        var logger = Logger(label: "facesearch.server")
        logger.logLevel = .info
        // Read once, here: a bad setting is a usage error (exit 64) in one line naming it.
        let settings: ServiceSettings
        do {
            settings = try self.settings()
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
            var pipelineConfiguration = pipelineOptions.configuration
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
            let configuration = ServerConfiguration(
                host: settings.host, port: settings.port, maxBodyBytes: settings.maxBodyBytes,
                maxTopK: settings.maxTopK, authentication: settings.authentication,
                corsOrigins: settings.corsOrigins, metricsRequireKey: settings.metricsRequireKey,
                idleTimeoutSeconds: settings.idleTimeoutSeconds,
                shutdownGraceSeconds: settings.shutdownGraceSeconds)
            // The process's one swift-metrics backend, and the stage timings, wired here.
            let metrics = ServiceMetrics()
            metrics.bootstrapMetricsSystem()
            pipeline.observeTimings { metrics.record($0) }
            let app = buildApplication(
                engine: engine, configuration: configuration, metrics: metrics, logger: logger)
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
