import FaceSearch
import FaceSearchServer
import FaceStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("API keys limited to collections")
struct CollectionAccessTests {
    /// Two collections, `mine` and `theirs`, each with obama.jpg indexed, and
    /// a search key limited to `mine`.
    private static func withTwoCollections(
        _ body:
            @Sendable (any TestClientProtocol, _ key: String, _ faces: [String: Int64]) async throws -> Void
    ) async throws {
        let photo = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp(configuration: ServerConfiguration(authentication: .required)) {
            client, engine in
            var faces: [String: Int64] = [:]
            for name in ["mine", "theirs"] {
                _ = try await engine.createCollection(name: name)
                let indexed = try await engine.index(photo: photo, into: name)
                faces[name] = try #require(indexed.faces.first).id
            }
            let (_, key) = try await engine.store.createKey(
                name: "limited", scope: .search, collections: ["mine"])
            try await body(client, key, faces)
        }
    }

    @Test func aLimitedKeyIsRefusedOnOtherCollectionsPaths() async throws {
        try await Self.withTwoCollections { client, key, _ in
            #expect(try await client.get("/v1/collections/mine/faces", key: key).status == .ok)
            for path in ["/v1/collections/theirs", "/v1/collections/theirs/faces", "/v1/collections/nowhere"]
            {
                let response = try await client.get(path, key: key)
                #expect(response.status == .forbidden && response.errorCode == "forbidden", "\(path)")
            }
        }
    }

    @Test func listsAndStatsShowOnlyTheKeysCollections() async throws {
        try await Self.withTwoCollections { client, key, _ in
            let list = try await client.get("/v1/collections", key: key).json
            let names = (list["collections"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names == ["mine"])
            let stats = try await client.get("/v1/stats", key: key).json
            #expect((stats["collections"] as? [Any])?.count == 1 && stats["faces"] as? Int == 1)
        }
    }

    @Test func imagesAndThumbnailsOfOtherCollectionsAreNotFound() async throws {
        try await Self.withTwoCollections { client, key, faces in
            let mine = try #require(faces["mine"])
            let theirs = try #require(faces["theirs"])
            #expect(try await client.get("/v1/faces/\(mine)/thumbnail", key: key).status == .ok)
            let hidden = try await client.get("/v1/faces/\(theirs)/thumbnail", key: key)
            #expect(hidden.status == .notFound && hidden.errorCode == "face_not_found")
            let face = try await client.get("/v1/collections/mine/faces/\(mine)", key: key).json
            let imageURL = try #require(face["image_url"] as? String)
            #expect(try await client.get(imageURL, key: key).status == .ok)
        }
    }

    @Test func anAdminKeyCannotBeLimited() async throws {
        try await ServerFixtures.withApp(configuration: ServerConfiguration(authentication: .required)) {
            _, engine in
            await #expect(throws: FaceStoreError.self) {
                _ = try await engine.store.createKey(name: "root", scope: .admin, collections: ["mine"])
            }
            await #expect(throws: FaceStoreError.self) {
                _ = try await engine.store.createKey(name: "bad", scope: .search, collections: ["../x"])
            }
        }
    }
}

extension TestClientProtocol {
    /// A GET with `Authorization: Bearer <key>`.
    func get(_ uri: String, key: String) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(key)"])
    }
}
