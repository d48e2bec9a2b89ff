import FaceSearchServer
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PhotoRoutesTests {
    @Test func searchReturnsTheSamePersonFirst() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let biden = try ServerFixtures.photo("biden.jpg")
        let query = try ServerFixtures.photo("obama2.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let indexed = try await client.send(
                .post, "/v1/collections/people/faces?label=obama", photo: obama)
            #expect(indexed.status == .created)
            let faces = try #require(indexed.json["faces"] as? [[String: Any]])
            #expect(faces.count == 1)
            #expect(faces.first?["label"] as? String == "obama")
            #expect(faces.first?["landmarks"] as? [[Int]] != nil)
            #expect(indexed.json["already_stored"] as? Bool == false)
            let again = try await client.send(.post, "/v1/collections/people/faces?label=obama", photo: obama)
            #expect(again.json["already_stored"] as? Bool == true)
            let second = try await client.send(
                .post, "/v1/collections/people/faces?label=biden&external_id=b1", photo: biden)
            #expect(second.status == .created)

            let result = try await client.send(.post, "/v1/collections/people/search?top_k=2", photo: query)
            #expect(result.status == .ok)
            let queryFaces = try #require(result.json["faces"] as? [[String: Any]])
            let matches = try #require(queryFaces.first?["matches"] as? [[String: Any]])
            #expect(matches.first?["label"] as? String == "obama")
            #expect((matches.first?["image_url"] as? String)?.hasPrefix("/v1/images/") == true)
        }
    }

    @Test func detectFindsTheFaceWithItsLandmarks() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp { client in
            let response = try await client.send(.post, "/v1/detect", photo: obama)
            #expect(response.status == .ok)
            let faces = try #require(response.json["faces"] as? [[String: Any]])
            #expect(faces.count == 1)
            #expect((faces.first?["landmarks"] as? [[Int]])?.count == 5)
        }
    }

    @Test func photosThatCannotBeUsedAreRejectedWithTheirReason() async throws {
        let blank = try ServerFixtures.blankPhoto()
        let truncated = Array(try ServerFixtures.photo("obama.jpg").prefix(2000))
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let noFace = try await client.send(.post, "/v1/collections/people/search", photo: blank)
            #expect(noFace.status == .unprocessableContent)
            #expect(noFace.errorCode == "no_face")
            let cut = try await client.send(.post, "/v1/collections/people/faces", photo: truncated)
            #expect(cut.status == .unprocessableContent)
            #expect(cut.errorCode == "image_truncated" || cut.errorCode == "image_corrupt")
            let text = try await client.send(
                .post, "/v1/collections/people/search", photo: Array("hello".utf8), contentType: "text/plain")
            #expect(text.status == .unsupportedMediaType)
            #expect(text.errorCode == "unsupported_media_type")
            let unknown = try await client.send(.post, "/v1/collections/nobody/search", photo: blank)
            #expect(unknown.status == .notFound)
        }
    }

    @Test(arguments: ["0", "-1", "1000000000", "abc"])
    func badTopKIsABadRequest(topK: String) async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let response = try await client.send(
                .post, "/v1/collections/people/search?top_k=\(topK)", photo: obama)
            #expect(response.status == .badRequest)
            #expect(response.errorCode == "invalid_argument")
        }
    }

    @Test func bodiesOverTheLimitAre413() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp(
            configuration: ServerConfiguration(maxBodyBytes: 1000, authentication: .disabled)
        ) { client in
            let response = try await client.send(.post, "/v1/detect", photo: obama)
            #expect(response.status == .contentTooLarge)
            #expect(response.errorCode == "payload_too_large")
        }
    }
}
