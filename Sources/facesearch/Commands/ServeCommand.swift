import ArgumentParser
import FaceSearch
import FaceSearchServer
import Hummingbird
import Logging

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service (stops gracefully on SIGTERM or SIGINT)."
    )

    @Option(help: "The address to listen on.") var host = ServerConfiguration().host
    @Option(help: "The port to listen on.") var port = ServerConfiguration().port
    @Option(help: "The largest request body accepted, in bytes.")
    var maxBodyBytes = ServerConfiguration.defaultMaxBodyBytes
    @Flag(help: "Serve without API keys: anyone who can connect may do anything.") var noAuth = false
    @Flag(help: "Allow --no-auth on an address other than loopback.") var allowUnauthenticatedRemote = false
    @OptionGroup var gallery: GalleryOptions
    @OptionGroup var pipelineOptions: PipelineOptions

    func validate() throws {
        if !(0...65_535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
        if maxBodyBytes < 1 { throw ValidationError("--max-body-bytes must be at least 1") }
        if noAuth && !Self.isLoopback(host) && !allowUnauthenticatedRemote {
            throw ValidationError(
                "--no-auth on \(host) exposes the API to the network; add --allow-unauthenticated-remote to mean it"
            )
        }
    }

    func run() async throws {
        var logger = Logger(label: "facesearch.server")
        logger.logLevel = .info
        let configuration = ServerConfiguration(
            host: host, port: port, maxBodyBytes: maxBodyBytes, authentication: noAuth ? .disabled : .required
        )
        try await reportingFailures {
            if noAuth {
                logger.warning(
                    "authentication disabled: every request is allowed", metadata: ["host": "\(host)"])
            } else {
                try await requireAKey()
            }
            let engine = try await FaceSearchEngine.open(
                dataFolder: gallery.data, pipeline: try pipelineOptions.makePipeline(), logger: logger)
            // Logged, not printed: standard output is block-buffered under a service manager.
            logger.info(
                "configuration",
                metadata: [
                    "url": "http://\(host):\(port)", "data": "\(gallery.data)",
                    "max_body_bytes": "\(maxBodyBytes)",
                    "max_top_k": "\(configuration.maxTopK)", "workers": "\(engine.pipeline.workerCount)",
                    "queue_capacity": "\(engine.pipeline.queueCapacity)",
                    "detector": "\(engine.pipeline.configuration.detector.rawValue)",
                ])
            let app = buildApplication(engine: engine, configuration: configuration, logger: logger)
            try await app.runService()
            engine.pipeline.shutdown()
        }
    }

    /// Refuses to start a server that requires keys when none is valid: it
    /// would answer every request with 401. The store is opened and closed
    /// here, before the engine opens it again.
    private func requireAKey() async throws {
        let keys = try await gallery.openStore().keys()
        if !keys.contains(where: { $0.revokedAt == nil }) {
            throw CommandFailure(
                description: """
                    no API key in \(gallery.data): create one first with
                      facesearch keys create --name NAME --scope admin --data \(gallery.data)
                    or serve without keys on this machine only with --no-auth
                    """)
        }
    }

    /// Whether `host` binds only the loopback interface.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
