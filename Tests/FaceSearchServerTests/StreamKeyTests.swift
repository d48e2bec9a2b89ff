import FaceSearch
import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import Logging
import Testing
import WSClient

/// Browsers cannot set headers on a WebSocket: the `/v1/stream` upgrade also
/// takes the key as a `key.<KEY>` subprotocol (a header, never the URL).
@Suite struct StreamKeyTests {
    static let required = ServerConfiguration(authentication: .required)

    static func upgrade(protocols: String?) -> HTTPFields {
        var headers: HTTPFields = [.upgrade: "websocket", .connection: "Upgrade"]
        if let protocols { headers[.secWebSocketProtocol] = protocols }
        return headers
    }

    @Test func aKeySubprotocolAuthenticatesTheStreamUpgradeOnly() async throws {
        try await ServerFixtures.withApp(configuration: Self.required) { client, engine in
            let (_, key) = try await engine.store.createKey(name: "browser", scope: .search)
            let withKey = try await client.execute(
                uri: "/v1/stream", method: .get, headers: Self.upgrade(protocols: "facesearch, key.\(key)"))
            #expect(withKey.status == .upgradeRequired, "past authentication: this router does not upgrade")
            let without = try await client.execute(
                uri: "/v1/stream", method: .get, headers: Self.upgrade(protocols: "facesearch"))
            #expect(without.status == .unauthorized)
            let wrong = try await client.execute(
                uri: "/v1/stream", method: .get, headers: Self.upgrade(protocols: "facesearch, key.fsk_nope"))
            #expect(wrong.status == .unauthorized)
            let elsewhere = try await client.execute(
                uri: "/v1/collections", method: .get,
                headers: Self.upgrade(protocols: "facesearch, key.\(key)"))
            #expect(elsewhere.status == .unauthorized, "other paths take the key from headers only")
        }
    }

    @Test func aBrowserStyleConnectionWithTheKeySubprotocolIsServed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facesearch-wskey-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "facesearch.wskey.tests")
        logger.logLevel = .warning
        let engine = try await FaceSearchEngine.open(
            dataFolder: folder.path, pipeline: try ServerFixtures.pipeline(), logger: logger)
        let (_, key) = try await engine.store.createKey(name: "browser", scope: .admin)
        let app = buildApplication(
            engine: engine, configuration: ServerConfiguration(port: 0, authentication: .required),
            logger: logger)
        try await app.test(.live) { client in
            let created = try await client.execute(
                uri: "/v1/collections", method: .post,
                headers: [.authorization: "Bearer \(key)", .contentType: "application/json"],
                body: ByteBuffer(string: #"{"name": "people"}"#))
            #expect(created.status == .created)
            let configuration = WebSocketClientConfiguration(
                additionalHeaders: [.secWebSocketProtocol: "facesearch, key.\(key)"])
            try await client.ws("/v1/stream?collection=people", configuration: configuration) {
                inbound, outbound, _ in
                try await outbound.write(.text(#"{"top_k": 3}"#))
                var messages = inbound.messages(maxSize: 1 << 16).makeAsyncIterator()
                guard case .text(let text) = try await messages.next() else {
                    Issue.record("no answer")
                    return
                }
                #expect(text.contains(#""type":"settings""#) && text.contains(#""top_k":3"#), "\(text)")
            }
            await #expect(throws: (any Error).self) {
                try await client.ws("/v1/stream?collection=people") { _, _, _ in }
            }
        }
    }
}
