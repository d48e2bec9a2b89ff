import FaceSearchServer
import FaceVision
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Face thumbnails")
struct ThumbnailRoutesTests {
    @Test func aMatchsThumbnailIsASquareJPEGOfThatFace() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            _ = try await client.send(.post, "/v1/collections/people/faces?label=obama", photo: obama)
            let search = try await client.send(
                .post, "/v1/collections/people/search", photo: try ServerFixtures.photo("obama2.jpg"))
            let faces = try #require(search.json["faces"] as? [[String: Any]])
            let match = try #require((faces.first?["matches"] as? [[String: Any]])?.first)
            let url = try #require(match["thumbnail_url"] as? String)
            #expect(url == "/v1/faces/\(try #require(match["face_id"] as? Int))/thumbnail")

            let response = try await client.execute(uri: url, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "image/jpeg")
            #expect(response.headers[.cacheControl]?.contains("immutable") == true)
            let jpeg = [UInt8](response.body.readableBytesView)
            let decoded = try ImageDecoder().decode(jpeg)
            #expect(decoded.image.width == 160 && decoded.image.height == 160)
            // The crop holds the face: the pipeline finds exactly one in it.
            let found = try await ServerFixtures.pipeline().detect(jpeg)
            #expect(found.faces.count == 1)
        }
    }

    @Test func unknownAndMalformedIDsAreRefused() async throws {
        try await ServerFixtures.withApp { client in
            let unknown = try await client.execute(uri: "/v1/faces/987654/thumbnail", method: .get)
            #expect(unknown.status == .notFound && unknown.errorCode == "face_not_found")
            let malformed = try await client.execute(uri: "/v1/faces/..%2F..%2Fetc/thumbnail", method: .get)
            #expect(malformed.status == .badRequest && malformed.errorCode == "invalid_argument")
        }
    }
}
