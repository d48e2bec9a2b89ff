import Foundation
import GRDB
import Testing

@testable import FaceStore

/// Labels and external ids: one rule (``FaceText``) where they are stored and
/// where they select faces, because SQLite cuts bound text at a NUL and
/// compares bytes.
@Suite struct FaceTextTests {
    @Test func textIsNormalisedToNFCAndCheckedAgainstTheRule() throws {
        #expect(Array(try FaceText.normalized("Jose\u{301}", as: .label).utf8) == Array("Jos\u{E9}".utf8))
        #expect(try FaceText.normalized("  Ada Lovelace ", as: .label) == "  Ada Lovelace ")
        #expect(try FaceText.normalized(String(repeating: "é", count: 256), as: .label).count == 256)
        for bad in [
            "", " \t ", "a\u{0}b", "a\nb", "a\u{7F}", "a\u{85}", "a\u{2028}", "a\u{FFFD}",
            String(repeating: "x", count: 257),
        ] {
            #expect(throws: FaceStoreError.self, "\(bad.debugDescription)") {
                try FaceText.normalized(bad, as: .externalID)
            }
        }
        #expect(
            throws: FaceStoreError.invalidText(field: "label", reason: "must not be empty or only whitespace")
        ) {
            try FaceText.normalized(" ", as: .label)
        }
        #expect(FaceStoreError.invalidText(field: "external_id", reason: "").code == "invalid_external_id")
    }

    @Test func aFilterWithANulSelectsNothingAndDeletesNothing() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            for seed in 1...3 {
                _ = try await store.insert(
                    Fixture.image("lbl \(seed)"), faces: [Fixture.face(seed: seed, label: "lbl")],
                    collectionID: collection.id)
            }
            for filter in [
                FaceFilter(label: "lbl\u{0}zzz"), FaceFilter(externalID: "e\u{0}x"),
                FaceFilter(metadata: ["team": .string("blue\u{0}x")]),
            ] {
                await #expect(throws: FaceStoreError.self) {
                    try await store.deleteFaces(collectionID: collection.id, filter: filter)
                }
                await #expect(throws: FaceStoreError.self) {
                    try await store.faces(
                        collectionID: collection.id, filter: filter, limit: 10, afterID: nil)
                }
            }
            #expect(try await store.counts(collectionID: collection.id).faces == 3)
            await #expect(throws: FaceStoreError.self) {
                try await store.insert(
                    Fixture.image("nul", externalID: "e\u{0}x"), faces: [Fixture.face()],
                    collectionID: collection.id)
            }
            #expect(try await store.counts(collectionID: collection.id).images == 3)
        }
    }

    @Test func storedAndAskedForInEitherSpellingIsOneLabel() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let (image, faces) = try await store.insert(
                Fixture.image("jose", externalID: "Jose\u{301}"),
                faces: [Fixture.face(label: "Jose\u{301}", externalID: "Jose\u{301}")],
                collectionID: collection.id)
            #expect(Array(image.externalID?.utf8 ?? "".utf8) == Array("Jos\u{E9}".utf8))
            #expect(Array(faces[0].label?.utf8 ?? "".utf8) == Array("Jos\u{E9}".utf8))
            for spelling in ["Jos\u{E9}", "Jose\u{301}"] {
                let found = try await store.faces(
                    collectionID: collection.id, filter: FaceFilter(label: spelling), limit: 10, afterID: nil)
                #expect(found.map(\.id) == faces.map(\.id))
            }
        }
    }

    @Test func theMigrationRewritesStoredTextInNFC() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let (_, faces) = try await store.insert(
                Fixture.image("old"), faces: [Fixture.face(label: "x")], collectionID: collection.id)
            let id = faces[0].id
            // As a store written before the rule would hold it: decomposed text, and no v4.
            try await store.database.write { db in
                try db.execute(
                    sql: "UPDATE faces SET label = ?, external_id = ? WHERE id = ?",
                    arguments: ["Jose\u{301}", "Zoe\u{308}", id])
                try db.execute(
                    sql: "DELETE FROM grdb_migrations WHERE identifier = ?",
                    arguments: ["v4: labels and external ids in NFC"])
            }
            try FaceStore.migrator.migrate(store.database)
            let face = try #require(try await store.face(id: id))
            #expect(Array(face.label?.utf8 ?? "".utf8) == Array("Jos\u{E9}".utf8))
            #expect(Array(face.externalID?.utf8 ?? "".utf8) == Array("Zo\u{EB}".utf8))
        }
    }
}
