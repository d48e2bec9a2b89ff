import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct FaceRoutesTests {
    @Test func facesArePagedReadServedAndDeleted() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let biden = try ServerFixtures.photo("biden.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            _ = try await client.send(.post, "/v1/collections/people/faces?label=obama", photo: obama)
            _ = try await client.send(.post, "/v1/collections/people/faces?label=biden", photo: biden)

            let page = try await client.execute(uri: "/v1/collections/people/faces?limit=1", method: .get)
            #expect(page.status == .ok)
            let first = try #require((page.json["faces"] as? [[String: Any]])?.first)
            let after = try #require(page.json["next_after"] as? Int)
            let rest = try await client.execute(
                uri: "/v1/collections/people/faces?limit=1&after=\(after)", method: .get)
            #expect((rest.json["faces"] as? [[String: Any]])?.count == 1)

            let id = try #require(first["id"] as? Int)
            let face = try await client.execute(uri: "/v1/collections/people/faces/\(id)", method: .get)
            #expect(face.status == .ok)
            #expect(face.json["label"] as? String == "obama")

            let imageURL = try #require(face.json["image_url"] as? String)
            let image = try await client.execute(uri: imageURL, method: .get)
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/jpeg")
            #expect(Array(image.body.readableBytesView) == obama)

            let deleted = try await client.execute(
                uri: "/v1/collections/people/faces?label=biden", method: .delete)
            #expect(deleted.status == .ok)
            #expect((deleted.json["deleted_faces"] as? [Int])?.count == 1)
            let left = try await client.execute(uri: "/v1/collections/people", method: .get)
            #expect(left.json["faces"] as? Int == 1)

            let one = try await client.execute(uri: "/v1/collections/people/faces/\(id)", method: .delete)
            #expect(one.status == .ok)
            let gone = try await client.execute(uri: "/v1/collections/people/faces/\(id)", method: .get)
            #expect(gone.status == .notFound)
            #expect(gone.errorCode == "face_not_found")
        }
    }

    @Test func unknownAndMalformedIDsAreRejected() async throws {
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let unknownFace = try await client.execute(uri: "/v1/collections/people/faces/999", method: .get)
            #expect(unknownFace.status == .notFound)
            let badFace = try await client.execute(uri: "/v1/collections/people/faces/abc", method: .get)
            #expect(badFace.status == .badRequest)
            let unknownImage = try await client.execute(uri: "/v1/images/999", method: .get)
            #expect(unknownImage.status == .notFound)
            #expect(unknownImage.errorCode == "image_not_found")
            let badImage = try await client.execute(uri: "/v1/images/..%2Fsecret", method: .get)
            #expect(badImage.status == .badRequest)
            let noFilter = try await client.execute(uri: "/v1/collections/people/faces", method: .delete)
            #expect(noFilter.status == .badRequest)
            let badLimit = try await client.execute(uri: "/v1/collections/people/faces?limit=0", method: .get)
            #expect(badLimit.status == .badRequest)
        }
    }
}
