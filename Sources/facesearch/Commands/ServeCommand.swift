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
    @OptionGroup var gallery: GalleryOptions
    @OptionGroup var pipelineOptions: PipelineOptions

    func validate() throws {
        if !(0...65_535).contains(port) { throw ValidationError("--port must be 0 to 65535") }
        if maxBodyBytes < 1 { throw ValidationError("--max-body-bytes must be at least 1") }
    }

    func run() async throws {
        var logger = Logger(label: "facesearch.server")
        logger.logLevel = .info
        let configuration = ServerConfiguration(host: host, port: port, maxBodyBytes: maxBodyBytes)
        try await reportingFailures {
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
}
