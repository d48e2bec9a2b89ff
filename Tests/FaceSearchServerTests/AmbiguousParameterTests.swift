import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A value the server cannot read one way only is refused, never guessed
/// (issue 12): a parameter given twice, two photos where one is expected, an
/// id not in canonical decimal.
@Suite struct AmbiguousParameterTests {
    @Test func repeatedFieldsAndTwoPhotosAreRefused() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let uri = "/v1/collections/people/faces"
            for parts: [FormPart] in [
                [.photo("image", obama), .field("label", "a"), .field("label", "b")],
                [.photo("image", obama), .field("max_faces", "1"), .field("max_faces", "2")],
                [.photo("image", obama), .photo("file", obama)],
            ] {
                let response = try await client.send(.post, uri, form: parts)
                #expect(response.status == .badRequest && response.errorCode == "invalid_argument")
            }
            let twiceInQuery = try await client.send(.post, uri + "?label=a&label=b", photo: obama)
            #expect(twiceInQuery.status == .badRequest && twiceInQuery.errorCode == "invalid_argument")
            let search = try await client.send(
                .post, "/v1/collections/people/search",
                form: [.photo("image", obama), .field("top_k", "1"), .field("top_k", "2")])
            #expect(search.status == .badRequest && search.errorCode == "invalid_argument")
            let listed = try await client.execute(uri: uri, method: .get)
            #expect((listed.json["faces"] as? [Any])?.isEmpty == true, "nothing was stored")
        }
    }

    @Test func idsAndIntegersAreCanonicalDecimal() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let id = try #require(try await client.indexFace(obama, into: "people"))
            let found = try await client.execute(uri: "/v1/collections/people/faces/\(id)", method: .get)
            #expect(found.status == .ok)
            for spelling in ["+\(id)", "0000\(id)", " \(id)", "\(id).0"] {
                let encoded =
                    spelling.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? spelling
                let response = try await client.execute(
                    uri: "/v1/collections/people/faces/\(encoded)", method: .get)
                #expect(response.status == .badRequest, "\(spelling)")
                let after = try await client.execute(
                    uri: "/v1/collections/people/faces?after=\(encoded)", method: .get)
                #expect(after.status == .badRequest, "\(spelling)")
            }
            let topK = try await client.send(.post, "/v1/collections/people/search?top_k=%2B3", photo: obama)
            #expect(topK.status == .badRequest && topK.errorCode == "invalid_argument")
        }
    }
}
