import FaceSearch
import FaceSearchServer
import FaceVision
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing

/// The real application over a real engine in a temporary folder, with the
/// test photos of the setup cache and one shared pipeline.
enum ServerFixtures {
    static var photoFolder: String { TestPhotos.folder }

    static func photo(_ name: String) throws -> [UInt8] { try TestPhotos.bytes(name) }

    /// One pipeline for all server tests: loading models per test would dominate. It is
    /// not the engine tests' (another queue capacity makes another pipeline), so their
    /// bulk ingests never fill the queue a live stream test waits on.
    static func pipeline() throws -> FacePipeline {
        try SharedPipelines.pipeline(PipelineConfiguration(), workers: 2, queueCapacity: 128)
    }

    /// The tests' metrics, bootstrapped as swift-metrics' backend once for
    /// the process (as `facesearch serve` does), with the shared pipeline's
    /// stage timings wired in.
    static let metrics: ServiceMetrics = {
        let metrics = ServiceMetrics()
        metrics.bootstrapMetricsSystem()
        return metrics
    }()

    /// Runs `body` against the application over an engine in a fresh folder;
    /// without keys unless the configuration asks for them (see AuthTests).
    static func withApp<Value>(
        configuration: ServerConfiguration = ServerConfiguration(authentication: .disabled),
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        try await withApp(configuration: configuration) { client, _ in try await body(client) }
    }

    /// Like ``withApp(configuration:_:)``, also handing `body` the engine (to create keys).
    static func withApp<Value>(
        configuration: ServerConfiguration,
        _ body: @Sendable (any TestClientProtocol, FaceSearchEngine) async throws -> Value
    ) async throws -> Value {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facesearch-server-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "facesearch.server.tests")
        logger.logLevel = .warning
        let pipeline = try pipeline()
        let metrics = Self.metrics
        pipeline.observeTimings { metrics.record($0) }
        let engine = try await FaceSearchEngine.open(
            dataFolder: folder.path, pipeline: pipeline, logger: logger)
        let app = buildApplication(
            engine: engine, configuration: configuration, metrics: metrics, logger: logger)
        return try await app.test(.router) { client in try await body(client, engine) }
    }

    /// A JPEG of one flat colour: a photo without a face.
    static func blankPhoto() throws -> [UInt8] { try TestPhotos.blank() }
}

extension TestClientProtocol {
    /// Sends a JSON body.
    func send(_ method: HTTPRequest.Method, _ uri: String, json: String) async throws -> TestResponse {
        try await execute(
            uri: uri, method: method, headers: [.contentType: "application/json"],
            body: ByteBuffer(string: json))
    }

    /// Sends a photo as the raw body.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, photo: [UInt8], contentType: String = "image/jpeg"
    ) async throws -> TestResponse {
        try await execute(
            uri: uri, method: method, headers: [.contentType: contentType], body: ByteBuffer(bytes: photo))
    }

    /// Creates a collection and checks it was created.
    func createCollection(_ name: String) async throws {
        let response = try await send(.post, "/v1/collections", json: #"{"name": "\#(name)"}"#)
        #expect(response.status == .created)
    }
}

extension TestResponse {
    /// The body parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView))) as? [String: Any] ?? [:]
    }

    /// The `error.code` of an error body.
    var errorCode: String? {
        (json["error"] as? [String: Any])?["code"] as? String
    }
}
