import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Labels and external ids follow one rule at every entry point (issue 12):
/// SQLite cuts bound text at a NUL, so `lbl%00zzz` once selected, and
/// deleted, every face labelled `lbl`.
@Suite struct LabelTextTests {
    static let uri = "/v1/collections/people/faces"

    @Test func aNulInALabelIsRefusedAtEveryEntryPointAndDeletesNothing() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let biden = try ServerFixtures.photo("biden.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            #expect(try await client.indexFace(obama, into: "people", fields: ["label": "lbl"]) != nil)

            let query = try await client.send(.post, Self.uri + "?label=lbl%00null", photo: biden)
            #expect(query.status == .badRequest && query.errorCode == "invalid_label")
            let form = try await client.send(
                .post, Self.uri, form: [.photo("image", biden), .field("external_id", "e\u{0}x")])
            #expect(form.status == .badRequest && form.errorCode == "invalid_external_id")
            let json = try await client.send(
                .post, Self.uri,
                jsonObject: ["image": Data(biden).base64EncodedString(), "label": "lbl\u{0}x"])
            #expect(json.status == .badRequest && json.errorCode == "invalid_label")

            let delete = try await client.execute(uri: Self.uri + "?label=lbl%00zzz", method: .delete)
            #expect(delete.status == .badRequest && delete.errorCode == "invalid_label")
            let list = try await client.execute(uri: Self.uri + "?label=lbl%00zzz", method: .get)
            #expect(list.status == .badRequest && list.errorCode == "invalid_label")
            let search = try await client.send(
                .post, "/v1/collections/people/search?label=lbl%00zzz", photo: obama)
            #expect(search.status == .badRequest && search.errorCode == "invalid_label")

            // Nothing was stored by the refusals, and the delete took nothing.
            let remaining = try await client.execute(uri: Self.uri, method: .get)
            let faces = remaining.json["faces"] as? [[String: Any]] ?? []
            #expect(faces.count == 1 && faces.first?["label"] as? String == "lbl")
        }
    }

    @Test(arguments: [
        ("tab", "a%09b"), ("newline", "a%0Ab"), ("delete", "a%7Fb"), ("C1", "a%C2%85b"),
        ("line separator", "a%E2%80%A8b"), ("not UTF-8", "a%FFb"), ("spaces only", "%20%20"),
        ("empty", ""), ("too long", String(repeating: "x", count: 257)),
    ])
    func badLabelsAreRefusedWithAStableCode(_ name: String, _ encoded: String) async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            let response = try await client.send(.post, Self.uri + "?label=\(encoded)", photo: obama)
            #expect(response.status == .badRequest, "\(name)")
            #expect(response.errorCode == "invalid_label", "\(name)")
        }
    }

    @Test func decomposedAndPrecomposedSpellingsAreOneLabel() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let obama2 = try ServerFixtures.photo("obama2.jpg")
        let longest = String(repeating: "é", count: 256)
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            // "José" with a combining acute accent (NFD), then asked for precomposed (NFC).
            let id = try await client.indexFace(obama, into: "people", fields: ["label": "Jose\u{301}"])
            let stored = try await client.execute(uri: Self.uri + "/\(id ?? 0)", method: .get)
            #expect(
                Array((stored.json["label"] as? String ?? "").unicodeScalars)
                    == Array("Jos\u{E9}".unicodeScalars))
            let listed = try await client.execute(uri: Self.uri + "?label=Jos%C3%A9", method: .get)
            #expect((listed.json["faces"] as? [[String: Any]])?.count == 1)
            let found = try await client.send(
                .post, "/v1/collections/people/search?label=Jose%CC%81&threshold=0", photo: obama2)
            #expect(found.firstMatches.count == 1)
            // 256 characters (512 bytes in UTF-8) is the longest label.
            let long = try await client.send(
                .post, Self.uri, form: [.photo("image", obama2), .field("label", longest)])
            #expect(long.status == .created)
            let deleted = try await client.execute(uri: Self.uri + "?label=Jose%CC%81", method: .delete)
            #expect((deleted.json["deleted_faces"] as? [Any])?.count == 1)
        }
    }
}
