import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct UploadFormatTests {
    @Test func aMultipartUploadIsIndexedAndSearchable() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let query = try ServerFixtures.photo("obama2.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let indexed = try await client.send(
                .post, "/v1/collections/people/faces?external_id=o1",
                form: [.field("label", "obama"), .photo("image", obama)])
            #expect(indexed.status == .created)
            let faces = try #require(indexed.json["faces"] as? [[String: Any]])
            #expect(faces.first?["label"] as? String == "obama")
            #expect(faces.first?["external_id"] as? String == "o1")
            let found = try await client.send(
                .post, "/v1/collections/people/search", form: [.photo("file", query), .field("top_k", "1")])
            #expect(found.status == .ok)
            #expect(found.firstMatches.count == 1)
            #expect(found.firstMatches.first?["label"] as? String == "obama")
            let badTopK = try await client.send(
                .post, "/v1/collections/people/search", form: [.photo("image", query), .field("top_k", "0")])
            #expect(badTopK.errorCode == "invalid_argument")
        }
    }

    @Test func aBase64JSONPhotoIsSearched() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let query = try ServerFixtures.photo("obama2.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            _ = try await client.indexFace(obama, into: "people", fields: ["label": "obama"])
            let found = try await client.send(
                .post, "/v1/collections/people/search",
                jsonObject: ["image": Data(query).base64EncodedString(), "top_k": 3])
            #expect(found.status == .ok)
            #expect(found.firstMatches.first?["label"] as? String == "obama")
            let detected = try await client.send(
                .post, "/v1/detect", jsonObject: ["image": Data(obama).base64EncodedString()])
            #expect((detected.json["faces"] as? [Any])?.count == 1)
        }
    }

    @Test func badBodiesAreRejectedWithTheirReason() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let base64 = try await client.send(
                .post, "/v1/collections/people/search", jsonObject: ["image": "not base64!"])
            #expect(base64.status == .badRequest)
            #expect(base64.errorCode == "invalid_base64")
            let unclosed = Array("--b\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nabc".utf8)
            let malformed = try await client.send(
                .post, "/v1/collections/people/search", rawBody: unclosed,
                contentType: "multipart/form-data; boundary=b")
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "invalid_multipart")
            let noBoundary = try await client.send(
                .post, "/v1/detect", rawBody: obama, contentType: "multipart/form-data")
            #expect(noBoundary.errorCode == "invalid_multipart")
            let missing = try await client.send(
                .post, "/v1/collections/people/faces", form: [.photo("picture", obama)])
            #expect(missing.status == .badRequest)
            #expect(missing.errorCode == "missing_image")
            let missingJSON = try await client.send(.post, "/v1/detect", jsonObject: ["top_k": 1])
            #expect(missingJSON.errorCode == "missing_image")
        }
    }
}
