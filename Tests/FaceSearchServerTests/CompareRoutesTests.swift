import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct CompareRoutesTests {
    @Test func compareTellsTheSamePersonFromAnother() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let obama2 = try ServerFixtures.photo("obama2.jpg")
        let biden = try ServerFixtures.photo("biden.jpg")
        try await ServerFixtures.withApp { client in
            let same = try await client.send(
                .post, "/v1/compare", form: [.photo("first", obama), .photo("second", obama2)])
            #expect(same.status == .ok)
            #expect(same.json["same_person"] as? Bool == true)
            #expect(same.json["first"] as? [String: Any] != nil)
            #expect(same.json["second"] as? [String: Any] != nil)
            let different = try await client.send(
                .post, "/v1/compare",
                jsonObject: [
                    "first": Data(obama).base64EncodedString(), "second": Data(biden).base64EncodedString(),
                    "threshold": 0.5,
                ])
            #expect(different.status == .ok)
            #expect(different.json["same_person"] as? Bool == false)
            #expect(different.json["threshold"] as? Double == 0.5)
            let sameScore = try #require(same.json["score"] as? Double)
            let differentScore = try #require(different.json["score"] as? Double)
            #expect(sameScore > differentScore)
        }
    }

    @Test func compareWithABlankPhotoHasNoFace() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let blank = try ServerFixtures.blankPhoto()
        try await ServerFixtures.withApp { client in
            let response = try await client.send(
                .post, "/v1/compare", form: [.photo("first", obama), .photo("second", blank)])
            #expect(response.status == .unprocessableContent)
            #expect(response.errorCode == "no_face")
            let oneMissing = try await client.send(.post, "/v1/compare", form: [.photo("first", obama)])
            #expect(oneMissing.errorCode == "missing_image")
        }
    }

    @Test func similarFacesExcludeTheFaceItself() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let obama2 = try ServerFixtures.photo("obama2.jpg")
        let biden = try ServerFixtures.photo("biden.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let id = try #require(try await client.indexFace(obama, into: "people", fields: ["label": "a"]))
            let twin = try await client.indexFace(obama2, into: "people", fields: ["label": "b"])
            _ = try await client.indexFace(biden, into: "people")
            let response = try await client.send(
                .get, "/v1/collections/people/faces/\(id)/similar?top_k=5&threshold=0", json: "")
            #expect(response.status == .ok)
            let ids = response.firstMatches.compactMap { ($0["face_id"] as? NSNumber)?.int64Value }
            #expect(ids.count == 2)
            #expect(!ids.contains(id))
            #expect(ids.first == twin)
            let unknown = try await client.send(.get, "/v1/collections/people/faces/99999/similar", json: "")
            #expect(unknown.status == .notFound)
        }
    }
}
