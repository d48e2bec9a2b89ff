import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct MetadataRoutesTests {
    @Test func metadataIsStoredReturnedAndFiltered() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let biden = try ServerFixtures.photo("biden.jpg")
        let query = try ServerFixtures.photo("obama2.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let obamaID = try await client.indexFace(
                obama, into: "people", fields: ["metadata": #"{"team": "blue", "year": 2009}"#])
            #expect(obamaID != nil)
            let bidenJSON: [String: Any] = [
                "image": Data(biden).base64EncodedString(), "metadata": ["team": "red", "year": 2021],
            ]
            let second = try await client.send(.post, "/v1/collections/people/faces", jsonObject: bidenJSON)
            #expect(second.status == .created)

            let all = try await client.send(.post, "/v1/collections/people/search?threshold=0", photo: query)
            let metadata = all.firstMatches.first?["metadata"] as? [String: Any]
            #expect(metadata?["team"] as? String == "blue")
            #expect(all.firstMatches.count == 2)
            let red = try await client.send(
                .post, "/v1/collections/people/search?threshold=0&filter=team:red&filter=year:2021",
                photo: query)
            #expect(red.firstMatches.count == 1)
            #expect((red.firstMatches.first?["metadata"] as? [String: Any])?["team"] as? String == "red")
            let blue = try await client.send(
                .post, "/v1/collections/people/search",
                jsonObject: [
                    "image": Data(query).base64EncodedString(), "threshold": 0, "filter": ["team": "blue"],
                ])
            #expect(blue.firstMatches.count == 1)
            #expect((blue.firstMatches.first?["face_id"] as? NSNumber)?.int64Value == obamaID)
        }
    }

    @Test func metadataThatIsNotASmallUTF8ObjectIsRejected() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let uri = "/v1/collections/people/faces"
            let array = try await client.send(
                .post, uri, form: [.photo("image", obama), .field("metadata", "[1, 2]")])
            #expect(array.status == .badRequest)
            #expect(array.errorCode == "invalid_metadata")
            let arrayJSON = try await client.send(
                .post, uri, jsonObject: ["image": Data(obama).base64EncodedString(), "metadata": [1]])
            #expect(arrayJSON.errorCode == "invalid_metadata")
            let huge = #"{"notes": "\#(String(repeating: "x", count: 20_000))"}"#
            let tooLarge = try await client.send(
                .post, uri, form: [.photo("image", obama), .field("metadata", huge)])
            #expect(tooLarge.status == .badRequest)
            #expect(tooLarge.errorCode == "metadata_too_large")
            let keys = (0..<65).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
            let manyKeys = try await client.send(
                .post, uri, form: [.photo("image", obama), .field("metadata", "{\(keys)}")])
            #expect(manyKeys.errorCode == "metadata_too_large")
            let latin1 = FormPart(
                name: "metadata", bytes: Array(#"{"name": "Jos"#.utf8) + [0xE9, 0x22, 0x7D])
            let invalid = try await client.send(.post, uri, form: [.photo("image", obama), latin1])
            #expect(invalid.status == .badRequest)
            #expect(invalid.errorCode == "invalid_metadata")
            let faces = try await client.send(.get, uri, json: "")
            #expect((faces.json["faces"] as? [Any])?.isEmpty == true)
        }
    }
}
