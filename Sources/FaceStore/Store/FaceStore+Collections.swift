import Foundation
import GRDB

extension FaceStore {
    /// Creates an empty collection. Throws ``FaceStoreError/invalidName(_:)``,
    /// ``FaceStoreError/collectionExists(_:)`` or, for a metric that is not
    /// `euclidean`/`cosine`, a dimension outside 1...65536 or an empty model
    /// id, ``FaceStoreError/invalidInput(_:)``. `detector` names the
    /// collection's face detector (nil: the server's), `vectorIndex` its
    /// vector index in the engine's words (nil: the exact index).
    public func createCollection(
        name: String, metric: String, modelID: String, detector: String? = nil, vectorIndex: String? = nil,
        dimension: Int
    ) async throws -> CollectionRecord {
        guard CollectionRecord.isValidName(name) else { throw FaceStoreError.invalidName(name) }
        guard CollectionRecord.metrics.contains(metric) else {
            throw FaceStoreError.invalidInput("metric \"\(metric)\" is not euclidean or cosine")
        }
        guard (1...65536).contains(dimension) else {
            throw FaceStoreError.invalidInput("dimension \(dimension) is not between 1 and 65536")
        }
        guard !modelID.isEmpty else { throw FaceStoreError.invalidInput("the model id is empty") }
        if let detector, !(1...32).contains(detector.utf8.count) {
            throw FaceStoreError.invalidInput("the detector name must be 1 to 32 bytes")
        }
        if let vectorIndex, !(1...256).contains(vectorIndex.utf8.count) {
            throw FaceStoreError.invalidInput("the vector index description must be 1 to 256 bytes")
        }
        let (record, _) = try await writeThenRemoveFiles { db in
            if try !CollectionRow.filter(CollectionRow.Columns.name == name).isEmpty(db) {
                throw FaceStoreError.collectionExists(name)
            }
            var row = CollectionRow(
                id: nil, name: name, metric: metric, modelID: modelID, detector: detector,
                vectorIndex: vectorIndex, dimension: dimension,
                createdAt: Date())
            try row.insert(db)
            // Read back, so the record equals later reads (dates are stored to the millisecond).
            let stored = try CollectionRow.fetchOne(db, key: row.id)
            return (try (stored ?? row).record(), unreferenced: [])
        }
        logger.info(
            "collection created", metadata: ["store.collection": "\(name)", "store.metric": "\(metric)"])
        return record
    }

    /// Replaces the vector index description of the collection `id` (the
    /// engine's words, 1 to 256 bytes) and returns the changed record.
    /// Throws ``FaceStoreError/collectionNotFound(_:)`` when it is gone.
    public func setVectorIndex(_ vectorIndex: String, ofCollectionID id: Int64) async throws
        -> CollectionRecord
    {
        guard (1...256).contains(vectorIndex.utf8.count) else {
            throw FaceStoreError.invalidInput("the vector index description must be 1 to 256 bytes")
        }
        let (record, _) = try await writeThenRemoveFiles { db in
            guard var row = try CollectionRow.fetchOne(db, key: id) else {
                throw FaceStoreError.collectionNotFound("#\(id)")
            }
            row.vectorIndex = vectorIndex
            try row.update(db)
            return (try row.record(), unreferenced: [])
        }
        return record
    }

    /// The collection named `name`, or nil.
    public func collection(named name: String) async throws -> CollectionRecord? {
        try await read { db in
            try CollectionRow.filter(CollectionRow.Columns.name == name).fetchOne(db)?.record()
        }
    }

    /// The collection with this id, or nil.
    public func collection(id: Int64) async throws -> CollectionRecord? {
        try await read { db in try CollectionRow.fetchOne(db, key: id)?.record() }
    }

    /// Every collection, by name.
    public func collections() async throws -> [CollectionRecord] {
        try await read { db in
            try CollectionRow.order(CollectionRow.Columns.name).fetchAll(db).map {
                row throws(FaceStoreError) in
                try row.record()
            }
        }
    }

    /// How many images, faces and distinct labels a collection holds.
    public func counts(collectionID: Int64) async throws -> (images: Int, faces: Int, labels: Int) {
        try await read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COUNT(*) FROM images WHERE collection_id = :id),
                           (SELECT COUNT(*) FROM faces WHERE collection_id = :id),
                           (SELECT COUNT(DISTINCT label) FROM faces WHERE collection_id = :id)
                    """,
                arguments: ["id": collectionID])
            guard let row else { return (0, 0, 0) }
            return (images: row[0], faces: row[1], labels: row[2])
        }
    }

    /// Deletes a collection with its images and faces, then the stored files
    /// that no image of another collection shares. Throws
    /// ``FaceStoreError/collectionNotFound(_:)``.
    public func deleteCollection(named name: String) async throws -> DeletionResult {
        let (ids, filesRemoved) = try await writeThenRemoveFiles { db in
            guard let collection = try CollectionRow.filter(CollectionRow.Columns.name == name).fetchOne(db),
                let id = collection.id
            else { throw FaceStoreError.collectionNotFound(name) }
            return try Self.deleteCollectionRows(id: id, db)
        }
        logger.info(
            "collection deleted",
            metadata: [
                "store.collection": "\(name)", "store.faces": "\(ids.0.count)",
                "store.images": "\(ids.1.count)",
                "store.filesRemoved": "\(filesRemoved)",
            ])
        return DeletionResult(faceIDs: ids.0, imageIDs: ids.1, filesRemoved: filesRemoved)
    }

    /// Deletes the collection `id` with its images and faces (inside the
    /// caller's transaction); its face and image ids, and the stored files no
    /// image refers to any more.
    static func deleteCollectionRows(id: Int64, _ db: Database) throws
        -> (([Int64], [Int64]), unreferenced: [String])
    {
        let faceIDs = try Int64.fetchAll(
            db, sql: "SELECT id FROM faces WHERE collection_id = ? ORDER BY id", arguments: [id])
        let imageIDs = try Int64.fetchAll(
            db, sql: "SELECT id FROM images WHERE collection_id = ? ORDER BY id", arguments: [id])
        let fileNames = try String.fetchAll(
            db, sql: "SELECT DISTINCT file_name FROM images WHERE collection_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM collections WHERE id = ?", arguments: [id])
        return ((faceIDs, imageIDs), unreferenced: try unreferenced(fileNames, db))
    }

    /// The names among `fileNames` that no image row refers to any more.
    static func unreferenced(_ fileNames: [String], _ db: Database) throws -> [String] {
        try fileNames.filter { fileName in
            try ImageRow.filter(ImageRow.Columns.fileName == fileName).isEmpty(db)
        }
    }
}
