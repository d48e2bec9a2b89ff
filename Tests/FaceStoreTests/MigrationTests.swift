import Foundation
import GRDB
import Testing

@testable import FaceStore

@Suite("Opening and migrations")
struct MigrationTests {
    @Test func anEmptyFolderGetsTheSchemaWALAndFullSync() async throws {
        try await withTemporaryFolder { folder in
            let store = try openStore(folder + "/nested/store")
            #expect(FileManager.default.fileExists(atPath: folder + "/nested/store/facesearch.sqlite"))
            var isDirectory: ObjCBool = false
            #expect(
                FileManager.default.fileExists(
                    atPath: folder + "/nested/store/images/ff", isDirectory: &isDirectory))
            #expect(isDirectory.boolValue)
            try await store.database.write { db in
                #expect(
                    try FaceStore.migrator.appliedIdentifiers(db) == [
                        "v1: collections, images, faces", "v2: api keys", "v3: keys limited to collections",
                        "v4: labels and external ids in NFC", "v5: a detector per collection",
                        "v6: a vector index per collection", "v7: the store's identity",
                    ])
                #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal")
                #expect(try Int.fetchOne(db, sql: "PRAGMA synchronous") == 2)  // FULL
                #expect(try Int.fetchOne(db, sql: "PRAGMA foreign_keys") == 1)
                for table in ["collections", "images", "faces"] {
                    #expect(try db.tableExists(table))
                }
                let indexes = try db.indexes(on: "faces").map(\.name)
                for index in [
                    "faces_on_collection", "faces_on_collection_label", "faces_on_collection_external_id",
                    "faces_on_image",
                ] {
                    #expect(indexes.contains(index))
                }
            }
            #expect(try await store.collections().isEmpty)
        }
    }

    @Test func aStoreKeepsOneRandomIdentityAcrossOpenings() async throws {
        try await withTemporaryFolder { folder in
            func identity(_ name: String) async throws -> String {
                let store = try openStore(folder + "/" + name)
                return try await store.identity()
            }
            let first = try await identity("a")
            #expect(first.count == 16 && first.allSatisfy(\.isHexDigit) && first == first.lowercased())
            #expect(try await identity("a") == first)
            #expect(try await identity("b") != first)
        }
    }

    @Test func collectionsOfAVersionFourDatabaseKeepTheServersDetector() async throws {
        try await withTemporaryFolder { folder in
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                let queue = try DatabaseQueue(path: folder + "/facesearch.sqlite")
                try FaceStore.migrator.migrate(queue, upTo: "v4: labels and external ids in NFC")
                try await queue.write { db in
                    try db.execute(
                        sql: """
                            INSERT INTO collections (name, metric, model_id, dimension, created_at)
                            VALUES ('old', 'euclidean', 'dlib_face_recognition_resnet_model_v1', 128, ?)
                            """, arguments: [Date()])
                }
            }
            let store = try openStore(folder)
            let old = try #require(try await store.collection(named: "old"))
            #expect(old.detector == nil)
            #expect(old.vectorIndex == nil, "collections of older folders keep the exact index")
            let new = try await store.createCollection(
                name: "new", metric: "cosine", modelID: "opencv_face_recognition_sface_2021dec",
                detector: "yunet", vectorIndex: #"{"kind":"hnsw"}"#,
                dimension: 128)
            #expect(new.detector == "yunet")
            #expect(try await store.collection(named: "new")?.detector == "yunet")
            #expect(try await store.collection(named: "new")?.vectorIndex == #"{"kind":"hnsw"}"#)
            await #expect(throws: FaceStoreError.self) {
                _ = try await store.createCollection(
                    name: "bad", metric: "cosine", modelID: "m", vectorIndex: "", dimension: 128)
            }
            await #expect(throws: FaceStoreError.self) {
                _ = try await store.createCollection(
                    name: "bad", metric: "cosine", modelID: "m", detector: "", dimension: 128)
            }
        }
    }

    @Test func reopeningKeepsEverythingAndRunsNoMigrationTwice() async throws {
        try await withTemporaryFolder { folder in
            let inserted: (StoredImage, [StoredFace])
            let collection: CollectionRecord
            do {
                let (store, created) = try await storeWithCollection(folder)
                collection = created
                inserted = try await store.insert(
                    Fixture.image("kept"), faces: [Fixture.face(label: "x")], collectionID: created.id)
            }
            let reopened = try openStore(folder)
            #expect(try await reopened.collections() == [collection])
            #expect(try await reopened.image(id: inserted.0.id) == inserted.0)
            #expect(try await reopened.faces(ids: inserted.1.map(\.id)) == inserted.1)
            #expect(try reopened.orphanFiles().isEmpty)
            let completed = try await reopened.database.read { db in
                try FaceStore.migrator.hasCompletedMigrations(db)
            }
            #expect(completed)
        }
    }

    @Test func openingFromAsyncCodeWorksOffThePool() async throws {
        try await withTemporaryFolder { folder in
            let store = try await FaceStore.open(folder: folder, logger: Fixture.logger)
            #expect(store.folder == folder)
            #expect(try await store.collections().isEmpty)
        }
    }

    @Test func aSecondStoreOnTheSameFolderIsRefusedUntilTheFirstCloses() async throws {
        try await withTemporaryFolder { folder in
            do {
                let first = try openStore(folder)
                #expect(throws: FaceStoreError.storeInUse(first.folder)) { try openStore(folder) }
            }
            _ = try openStore(folder)
        }
    }

    @Test func theDatabaseRefusesAFaceThatDisagreesWithItsCollection() async throws {
        try await withTemporaryFolder { folder in
            let (store, collection) = try await storeWithCollection(folder)
            let (image, _) = try await store.insert(
                Fixture.image("trigger"), faces: [Fixture.face()], collectionID: collection.id)
            // Bypass the Swift checks: the trigger is the last line of defence.
            let wrongLength = try FaceRow(
                Fixture.face(dimension: 5), imageID: image.id, collectionID: collection.id, createdAt: Date())
            await #expect(throws: DatabaseError.self) {
                try await store.database.write { db in
                    var row = wrongLength
                    try row.insert(db)
                }
            }
            #expect(try await store.counts(collectionID: collection.id).faces == 1)
        }
    }
}
