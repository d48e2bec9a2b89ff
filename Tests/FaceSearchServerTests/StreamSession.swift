import FaceSearch
import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import Logging
import Synchronization
import Testing
import WSClient

/// A WebSocket client on `/v1/stream` of the live application, keeping every
/// message the server sent.
final class StreamSession {
    private let outbound: WebSocketOutboundWriter
    private var inbound: WebSocketInboundMessageStream.AsyncIterator
    private(set) var texts: [String] = []

    private init(_ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter) {
        self.inbound = inbound.messages(maxSize: 1 << 22).makeAsyncIterator()
        self.outbound = outbound
    }

    func send(_ frame: [UInt8]) async throws {
        try await outbound.write(.binary(ByteBuffer(bytes: frame)))
    }

    func send(_ text: String) async throws {
        try await outbound.write(.text(text))
    }

    /// The next message, which must be JSON text.
    @discardableResult func receive() async throws -> [String: Any] {
        guard case .text(let text) = try await inbound.next() else { throw StreamClosed() }
        texts.append(text)
        return Self.parse(text)
    }

    static func parse(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    /// Runs `body` in a session on a collection `people` holding `photo` as
    /// "obama", connected with `?collection=` when `collection` is set.
    static func run(
        collection: String?, indexing photo: [UInt8],
        _ body: @escaping @Sendable (StreamSession) async throws -> Void
    ) async throws -> [[String: Any]] {
        // The gallery is filled through the engine, not over HTTP: the live test
        // client gives each HTTP answer 20 s, which a loaded machine can exceed.
        let texts = try await withLiveApp(
            prepare: { engine in
                _ = try await engine.createCollection(name: "people")
                _ = try await engine.index(
                    photo: photo, into: "people", options: IndexOptions(label: "obama"))
            },
            { client in try await connect(client, collection: collection, body) })
        return texts.map(parse)
    }

    /// Runs `body` in one connection and returns the messages it received.
    static func connect(
        _ client: any TestClientProtocol, collection: String?,
        _ body: @escaping @Sendable (StreamSession) async throws -> Void
    ) async throws -> [String] {
        let received = Received()
        let path = "/v1/stream" + (collection.map { "?collection=\($0)" } ?? "")
        try await client.ws(path, configuration: WebSocketClientConfiguration(maxFrameSize: 1 << 23)) {
            inbound, outbound, _ in
            let session = StreamSession(inbound, outbound)
            try await body(session)
            received.texts.withLock { $0 = session.texts }
        }
        return received.texts.withLock { $0 }
    }

    /// The application over an engine in a fresh folder, on a real socket.
    static func withLiveApp<Value: Sendable>(
        prepare: @Sendable (FaceSearchEngine) async throws -> Void = { _ in },
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facesearch-stream-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "facesearch.stream.tests")
        logger.logLevel = .warning
        let engine = try await FaceSearchEngine.open(
            dataFolder: folder.path, pipeline: try ServerFixtures.pipeline(), logger: logger)
        try await prepare(engine)
        let app = buildApplication(
            engine: engine, configuration: ServerConfiguration(port: 0, authentication: .disabled),
            logger: logger)
        return try await app.test(.live) { client in try await body(client) }
    }

    private final class Received: Sendable {
        let texts = Mutex<[String]>([])
    }
}

struct StreamClosed: Error {}

extension Dictionary where Key == String, Value == Any {
    /// The `error.code` of an error message.
    var errorCode: String? {
        (self["error"] as? [String: Any])?["code"] as? String
    }
}
