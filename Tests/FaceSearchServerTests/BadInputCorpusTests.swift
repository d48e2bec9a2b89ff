import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every kind of bad input gets its documented 4xx, and the server keeps
/// serving: health, readiness and a real search still work afterwards.
@Suite("Bad-input corpus")
struct BadInputCorpusTests {
    static let limit = 2 * 1024 * 1024

    static func corpus() throws -> [BadInput] {
        let jpeg = try ServerFixtures.photo("obama.jpg")
        let png = try ServerFixtures.photo("32bit.png")
        let faces = "/v1/collections/people/faces"
        let search = "/v1/collections/people/search"
        let jpegType = "image/jpeg"
        let json = "application/json"
        let form = "multipart/form-data; boundary=b"
        let hugeMetadata = #"{"notes": ""# + String(repeating: "x", count: 17_000) + #""}"#
        return [
            BadInput("zero bytes", search, type: jpegType, .unprocessableContent, "image_empty"),
            BadInput(
                "truncated JPEG", search, type: jpegType, body: Array(jpeg.prefix(jpeg.count / 2)),
                .unprocessableContent, "image_truncated"),
            BadInput(
                "PNG with a bad CRC", search, type: "image/png", body: BrokenFiles.pngWithBadCRC(png),
                .unprocessableContent, "image_corrupt"),
            BadInput(
                "a header declaring 70000x70000", search, type: "image/png",
                body: BrokenFiles.png(width: 70_000, height: 70_000), .unprocessableContent,
                "image_too_many_pixels"),
            BadInput(
                "a body over the limit", search, type: jpegType,
                body: jpeg + [UInt8](repeating: 0, count: limit), .contentTooLarge, "payload_too_large"),
            BadInput(
                "a wrong content type", search, type: "text/plain", body: jpeg, .unsupportedMediaType,
                "unsupported_media_type"),
            BadInput("no content type", search, body: jpeg, .unsupportedMediaType, "unsupported_media_type"),
            BadInput(
                "random bytes as a JPEG", search, type: jpegType, body: Array("not a photo at all".utf8),
                .unsupportedMediaType, "unsupported_media_type"),
            BadInput(
                "a GIF", search, type: "image/gif", body: Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8),
                .unsupportedMediaType, "unsupported_media_type"),
            BadInput(
                "multipart without a boundary", search, type: "multipart/form-data", body: jpeg, .badRequest,
                "invalid_multipart"),
            BadInput(
                "multipart without its closing boundary", search, type: form,
                body: BrokenFiles.unterminatedForm,
                .badRequest, "invalid_multipart"),
            BadInput(
                "invalid base64", search, type: json, body: Array(#"{"image": "@@not base64@@"}"#.utf8),
                .badRequest, "invalid_base64"),
            BadInput(
                "a photo member that is a number", search, type: json, body: Array(#"{"image": 42}"#.utf8),
                .badRequest, "invalid_base64"),
            BadInput(
                "malformed JSON", "/v1/collections", type: json, body: Array("{\"name\": ".utf8),
                .badRequest, "invalid_json"),
            BadInput(
                "malformed JSON with a photo", search, type: json, body: Array("{\"image\": [".utf8),
                .badRequest, "invalid_json"),
            BadInput(
                "top_k of 0", search + "?top_k=0", type: jpegType, body: jpeg, .badRequest, "invalid_argument"
            ),
            BadInput(
                "top_k of -1", search + "?top_k=-1", type: jpegType, body: jpeg, .badRequest,
                "invalid_argument"),
            BadInput(
                "top_k of 10^9", search + "?top_k=1000000000", type: jpegType, body: jpeg, .badRequest,
                "invalid_argument"),
            BadInput(
                "a threshold above 1", search + "?threshold=2", type: jpegType, body: jpeg, .badRequest,
                "invalid_argument"),
            BadInput(
                "a threshold of NaN", search + "?threshold=nan", type: jpegType, body: jpeg, .badRequest,
                "invalid_argument"),
            BadInput(
                "an unknown faces choice", search + "?faces=some", type: jpegType, body: jpeg, .badRequest,
                "invalid_argument"),
            BadInput(
                "an unknown collection", "/v1/collections/nobody/search", type: jpegType, body: jpeg,
                .notFound,
                "collection_not_found"),
            BadInput(
                "an image id with ../", "/v1/images/..%2F..%2Fetc%2Fpasswd", method: .get, .badRequest,
                "invalid_argument"),
            BadInput(
                "a face id with ../", faces + "/..%2Ffacesearch.sqlite", method: .get, .badRequest,
                "invalid_argument"),
            BadInput(
                "a collection name with ../", "/v1/collections", type: json,
                body: Array(#"{"name": "../etc"}"#.utf8), .badRequest, "invalid_collection_name"),
            BadInput(
                "huge metadata",
                faces + "?metadata="
                    + (hugeMetadata.addingPercentEncoding(
                        withAllowedCharacters: .alphanumerics) ?? ""),
                type: jpegType, body: jpeg, .badRequest,
                "metadata_too_large"),
            BadInput(
                "non-UTF-8 metadata", faces, type: form,
                body: BrokenFiles.form(photo: jpeg, metadata: [0x7B, 0xFF, 0xFE, 0x7D]), .badRequest,
                "invalid_metadata"),
            BadInput(
                "metadata that is an array", faces + "?metadata=%5B1%2C2%5D", type: jpegType, body: jpeg,
                .badRequest, "invalid_metadata"),
            BadInput(
                "an empty label", faces + "?label=", type: jpegType, body: jpeg, .badRequest, "invalid_label"),
            BadInput(
                "a label with a NUL", faces + "?label=obama%00x", type: jpegType, body: jpeg, .badRequest,
                "invalid_label"),
            BadInput(
                "deleting by a label with a NUL", faces + "?label=obama%00x", method: .delete, .badRequest,
                "invalid_label"),
            BadInput(
                "a metadata filter value with a NUL", search + "?filter=team:blue%00x", type: jpegType,
                body: jpeg, .badRequest, "invalid_argument"),
            BadInput("a page size of 0", faces + "?limit=0", method: .get, .badRequest, "invalid_argument"),
            BadInput(
                "a cursor that is not an id", faces + "?after=abc", method: .get, .badRequest,
                "invalid_argument"),
            BadInput(
                "deleting faces without a filter", faces, method: .delete, .badRequest, "invalid_argument"),
            BadInput(
                "a filter without a colon", faces + "/1/similar?filter=abc", method: .get, .badRequest,
                "invalid_argument"),
            BadInput(
                "an unknown metric", "/v1/collections", type: json,
                body: Array(#"{"name": "x", "metric": "manhattan"}"#.utf8), .badRequest, "invalid_argument"),
            BadInput(
                "a null metric", "/v1/collections", type: json,
                body: Array(#"{"name": "x", "metric": null}"#.utf8), .badRequest, "invalid_argument"),
            BadInput(
                "an existing collection", "/v1/collections", type: json,
                body: Array(#"{"name": "people"}"#.utf8),
                .conflict, "collection_exists"),
            BadInput(
                "compare with one photo", "/v1/compare", type: form,
                body: BrokenFiles.form(photo: jpeg, metadata: Array("{}".utf8)), .badRequest, "missing_image"),
            BadInput("an unknown face", faces + "/987654321", method: .get, .notFound, "face_not_found"),
            BadInput("an unknown route", "/v1/nothing-here", method: .get, .notFound, "not_found"),
            BadInput(
                "a known path with another method", "/v1/collections", method: .put, .methodNotAllowed,
                "method_not_allowed"),
            BadInput(
                "a WebSocket path without an upgrade", "/v1/stream", method: .get, .upgradeRequired,
                "upgrade_required"),
        ]
    }

    @Test func everyBadInputGetsItsDocumentedAnswerAndTheServerKeepsServing() async throws {
        let corpus = try Self.corpus()
        #expect(corpus.count >= 25)
        let configuration = ServerConfiguration(maxBodyBytes: Self.limit, authentication: .disabled)
        try await ServerFixtures.withApp(configuration: configuration) { client, _ in
            try await client.createCollection("people")
            let obama = try ServerFixtures.photo("obama.jpg")
            #expect(
                try await client.send(.post, "/v1/collections/people/faces?label=obama", photo: obama).status
                    == .created)
            for input in corpus {
                var headers: HTTPFields = [:]
                if let type = input.contentType { headers[.contentType] = type }
                let response = try await client.execute(
                    uri: input.uri, method: input.method, headers: headers,
                    body: ByteBuffer(bytes: input.body))
                #expect(response.status == input.status, "\(input.name): \(response.status)")
                #expect(response.errorCode == input.code, "\(input.name): \(response.errorCode ?? "no code")")
                #expect(response.headers[.init("X-Request-Id")!] != nil, "\(input.name)")
            }
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/ready", method: .get).status == .ok)
            let search = try await client.send(
                .post, "/v1/collections/people/search", photo: try ServerFixtures.photo("obama2.jpg"))
            let faces = search.json["faces"] as? [[String: Any]]
            #expect((faces?.first?["matches"] as? [[String: Any]])?.first?["label"] as? String == "obama")
        }
    }
}
