import FaceSearchServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct CollectionRoutesTests {
    @Test func healthAndReadyAnswerOnceTheEngineIsOpen() async throws {
        try await ServerFixtures.withApp { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            #expect(health.json["status"] as? String == "ok")
            try await client.createCollection("people")
            let ready = try await client.execute(uri: "/ready", method: .get)
            #expect(ready.status == .ok)
            #expect(ready.json["collections"] as? Int == 1)
            #expect(ready.json["faces"] as? Int == 0)
        }
    }

    @Test func collectionsAreCreatedListedReadAndDeleted() async throws {
        try await ServerFixtures.withApp { client in
            let created = try await client.send(
                .post, "/v1/collections", json: #"{"name": "people", "metric": "cosine"}"#)
            #expect(created.status == .created)
            #expect(created.json["metric"] as? String == "cosine")
            #expect(created.json["model_id"] as? String != nil)

            let duplicate = try await client.send(.post, "/v1/collections", json: #"{"name": "people"}"#)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.errorCode == "collection_exists")

            let list = try await client.execute(uri: "/v1/collections", method: .get)
            #expect(
                (list.json["collections"] as? [[String: Any]])?.map { $0["name"] as? String } == ["people"])

            let one = try await client.execute(uri: "/v1/collections/people", method: .get)
            #expect(one.status == .ok)
            #expect(one.json["faces"] as? Int == 0)

            let deleted = try await client.execute(uri: "/v1/collections/people", method: .delete)
            #expect(deleted.status == .ok)
            let gone = try await client.execute(uri: "/v1/collections/people", method: .get)
            #expect(gone.status == .notFound)
            #expect(gone.errorCode == "collection_not_found")
        }
    }

    @Test func badCollectionRequestsAreClientErrors() async throws {
        try await ServerFixtures.withApp { client in
            let badJSON = try await client.send(.post, "/v1/collections", json: "{name")
            #expect(badJSON.status == .badRequest)
            #expect(badJSON.errorCode == "invalid_json")
            let badMetric = try await client.send(
                .post, "/v1/collections", json: #"{"name": "a", "metric": "manhattan"}"#)
            #expect(badMetric.status == .badRequest)
            #expect(badMetric.errorCode == "invalid_argument")
            let badName = try await client.send(.post, "/v1/collections", json: #"{"name": "a/b"}"#)
            #expect(badName.status == .badRequest)
        }
    }

    @Test func unknownRoutesAnswer404InTheErrorShape() async throws {
        try await ServerFixtures.withApp { client in
            let response = try await client.execute(uri: "/v1/nothing/here", method: .get)
            #expect(response.status == .notFound)
            #expect(response.errorCode == "not_found")
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }
}
