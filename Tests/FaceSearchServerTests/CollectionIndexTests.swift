import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import VectorIndex

/// A collection chooses its vector index when it is created: shown in its
/// summary, used by its searches (filters included), refused when invalid.
@Suite struct CollectionIndexTests {
    @Test func anHNSWCollectionIsCreatedIndexedSearchedAndFiltered() async throws {
        try await ServerFixtures.withApp { client in
            let created = try await client.send(
                .post, "/v1/collections", json: #"{"name": "big", "index": {"kind": "hnsw", "ef": 32}}"#)
            #expect(created.status == .created)
            let index = try #require(created.json["index"] as? [String: Any])
            #expect(index["kind"] as? String == "hnsw")
            #expect(
                index["m"] as? Int == HNSWParameters.default.m
                    && index["ef_construction"] as? Int == HNSWParameters.default.efConstruction
                    && index["ef"] as? Int == 32)
            let plain = try await client.send(.post, "/v1/collections", json: #"{"name": "plain"}"#)
            #expect((plain.json["index"] as? [String: Any])?["kind"] as? String == "exact")

            for (photo, label) in [("obama.jpg", "obama"), ("biden.jpg", "biden"), ("obama2.jpg", "obama")] {
                let indexed = try await client.send(
                    .post, "/v1/collections/big/faces?label=\(label)", photo: try ServerFixtures.photo(photo))
                #expect(indexed.status == .created)
            }
            let query = try ServerFixtures.photo("obama3.jpg")
            let result = try await client.send(
                .post, "/v1/collections/big/search?top_k=3&threshold=0", photo: query)
            let matches = try #require(
                (result.json["faces"] as? [[String: Any]])?.first?["matches"] as? [[String: Any]])
            #expect(matches.map { $0["label"] as? String } == ["obama", "obama", "biden"])
            let filtered = try await client.send(
                .post, "/v1/collections/big/search?top_k=3&threshold=0&label=biden", photo: query)
            let only = try #require(
                (filtered.json["faces"] as? [[String: Any]])?.first?["matches"] as? [[String: Any]])
            #expect(only.map { $0["label"] as? String } == ["biden"])
            let summary = try await client.execute(uri: "/v1/collections/big", method: .get)
            #expect(summary.json["faces"] as? Int == 3)
        }
    }

    @Test func anHNSWCollectionsEfChangesWithPatchAndNothingElseDoes() async throws {
        try await ServerFixtures.withApp { client in
            _ = try await client.send(
                .post, "/v1/collections", json: #"{"name": "big", "index": {"kind": "hnsw"}}"#)
            _ = try await client.send(.post, "/v1/collections", json: #"{"name": "plain"}"#)
            let changed = try await client.send(
                .patch, "/v1/collections/big", json: #"{"index": {"ef": 200}}"#)
            #expect(changed.status == .ok)
            #expect((changed.json["index"] as? [String: Any])?["ef"] as? Int == 200)
            let shown = try await client.execute(uri: "/v1/collections/big", method: .get)
            #expect((shown.json["index"] as? [String: Any])?["ef"] as? Int == 200)
            let refused: [(String, String, HTTPResponse.Status, String)] = [
                ("big", #"{"index": {"ef": 0}}"#, .badRequest, "invalid_argument"),
                ("big", #"{"index": {"ef": 64, "m": 32}}"#, .badRequest, "invalid_argument"),
                ("big", #"{"index": {"ef": 64}, "metric": "cosine"}"#, .badRequest, "invalid_argument"),
                ("big", #"{"index": {}}"#, .badRequest, "invalid_argument"),
                ("big", #"{}"#, .badRequest, "invalid_argument"),
                ("big", #"{"index": {"ef": "wide"}}"#, .badRequest, "invalid_json"),
                ("big", #"{"index": 64}"#, .badRequest, "invalid_json"),
                ("plain", #"{"index": {"ef": 64}}"#, .badRequest, "invalid_argument"),
                ("nope", #"{"index": {"ef": 64}}"#, .notFound, "collection_not_found"),
            ]
            for (name, body, status, code) in refused {
                let answer = try await client.send(.patch, "/v1/collections/\(name)", json: body)
                #expect(answer.status == status, "\(name) \(body)")
                #expect(
                    (answer.json["error"] as? [String: Any])?["code"] as? String == code, "\(name) \(body)")
            }
            let after = try await client.execute(uri: "/v1/collections/big", method: .get)
            #expect(
                (after.json["index"] as? [String: Any])?["ef"] as? Int == 200, "a refusal changes nothing")
        }
    }

    @Test(arguments: [
        #"{"name": "a", "index": {"kind": "ivf"}}"#,
        #"{"name": "a", "index": {"kind": "hnsw", "m": 1}}"#,
        #"{"name": "a", "index": {"kind": "hnsw", "ef": 5000}}"#,
        #"{"name": "a", "index": {"kind": "hnsw", "ef_construction": null}}"#,
        #"{"name": "a", "index": {"m": 16}}"#,
        #"{"name": "a", "index": null}"#,
        #"{"name": "a", "index": "hnsw"}"#,
    ])
    func invalidIndexChoicesAreRefused(body: String) async throws {
        try await CollectionModelTests.expectCreationRefused(body)
    }
}
