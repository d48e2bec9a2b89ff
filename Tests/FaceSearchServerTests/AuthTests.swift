import FaceSearch
import FaceSearchServer
import FaceStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("API keys and scopes")
struct AuthTests {
    static let required = ServerConfiguration(authentication: .required)

    @Test func aRequestWithoutAKeyIsUnauthenticated() async throws {
        try await ServerFixtures.withApp(configuration: Self.required) { client, _ in
            let response = try await client.execute(uri: "/v1/collections", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.errorCode == "unauthenticated")
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test func anUnknownOrRevokedKeyIsUnauthenticated() async throws {
        try await ServerFixtures.withApp(configuration: Self.required) { client, engine in
            let (record, key) = try await engine.store.createKey(name: "old", scope: .admin)
            let unknown = "fsk_\(record.id)_" + String(repeating: "a", count: 64)
            #expect(try await client.get("/v1/collections", key: unknown).status == .unauthorized)
            #expect(try await client.get("/v1/collections", key: "not-a-key").status == .unauthorized)
            #expect(try await client.get("/v1/collections", key: key).status == .ok)
            try await engine.store.revokeKey(id: record.id)
            #expect(try await client.get("/v1/collections", key: key).status == .unauthorized)
        }
    }

    @Test func eachScopeCanDoWhatItsEndpointsNeed() async throws {
        let photo = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp(configuration: Self.required) { client, engine in
            let (_, search) = try await engine.store.createKey(name: "reader", scope: .search)
            let (_, write) = try await engine.store.createKey(name: "indexer", scope: .write)
            let (_, admin) = try await engine.store.createKey(name: "owner", scope: .admin)
            let create = #"{"name": "people"}"#
            let refused = try await client.send(
                .post, "/v1/collections", body: Array(create.utf8), key: write)
            #expect(refused.status == .forbidden && refused.errorCode == "forbidden")
            let created = try await client.send(
                .post, "/v1/collections", body: Array(create.utf8), key: admin)
            #expect(created.status == .created)

            let uri = "/v1/collections/people/faces"
            #expect(try await client.send(.post, uri, body: photo, key: search).status == .forbidden)
            #expect(try await client.send(.post, uri, body: photo, key: write).status == .created)
            #expect(try await client.get(uri, key: search).status == .ok)
        }
    }

    @Test func theXAPIKeyHeaderWorksLikeBearer() async throws {
        try await ServerFixtures.withApp(configuration: Self.required) { client, engine in
            let (_, key) = try await engine.store.createKey(name: "header", scope: .search)
            let headers: HTTPFields = [.init("X-API-Key")!: key]
            let response = try await client.execute(uri: "/v1/collections", method: .get, headers: headers)
            #expect(response.status == .ok)
        }
    }

    @Test func probesNeedNoKey() async throws {
        try await ServerFixtures.withApp(configuration: Self.required) { client, _ in
            let health = try await client.execute(uri: "/health", method: .get)
            let metrics = try await client.execute(uri: "/metrics", method: .get)
            #expect(health.status == .ok && metrics.status == .ok)
        }
    }

    @Test func metricsAskForAKeyWhenConfiguredTo() async throws {
        var configuration = Self.required
        configuration.metricsRequireKey = true
        try await ServerFixtures.withApp(configuration: configuration) { client, engine in
            let (_, key) = try await engine.store.createKey(name: "prometheus", scope: .search)
            let anonymous = try await client.execute(uri: "/metrics", method: .get)
            #expect(anonymous.status == .unauthorized && anonymous.errorCode == "unauthenticated")
            let scraped = try await client.execute(
                uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(key)"])
            #expect(scraped.status == .ok)
            #expect(String(buffer: scraped.body).contains("facesearch_inference_queue_depth"))
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
        }
    }

    @Test func theDatabaseHoldsOnlyTheHashOfASecret() async throws {
        try await ServerFixtures.withApp(configuration: Self.required) { _, engine in
            let (_, key) = try await engine.store.createKey(name: "hashed", scope: .search)
            let secret = try #require(APIKeyToken(key)).secret
            for suffix in ["", "-wal"] {
                let path = engine.store.folder + "/facesearch.sqlite" + suffix
                let bytes = FileManager.default.contents(atPath: path) ?? Data()
                #expect(bytes.range(of: Data(secret.utf8)) == nil)
            }
        }
    }
}

extension TestClientProtocol {
    /// A request with a body and `Authorization: Bearer <key>`; JSON or a JPEG by its first byte.
    fileprivate func send(
        _ method: HTTPRequest.Method, _ uri: String, body: [UInt8], key: String
    ) async throws -> TestResponse {
        let type = body.first == UInt8(ascii: "{") ? "application/json" : "image/jpeg"
        return try await execute(
            uri: uri, method: method, headers: [.authorization: "Bearer \(key)", .contentType: type],
            body: ByteBuffer(bytes: body))
    }
}
