import GRDB

extension FaceStore {
    /// Deletes faces by id (unknown ids are ignored). Images left without
    /// faces are deleted too, and their files once no image row in any
    /// collection refers to them, after the commit.
    public func deleteFaces(ids: [Int64]) async throws -> DeletionResult {
        let ids = Array(Set(ids))
        let (deleted, filesRemoved) = try await writeThenRemoveFiles { db in
            try Self.deleteFaces(ids, db)
        }
        return deleted.result(filesRemoved: filesRemoved)
    }

    /// Deletes the faces of a collection that match `filter` ("everything
    /// about one person": by label or external id), with their emptied images
    /// and files as ``deleteFaces(ids:)`` does. An empty filter is refused
    /// (``FaceStoreError/invalidInput(_:)``): use ``deleteCollection(named:)``.
    public func deleteFaces(collectionID: Int64, filter: FaceFilter) async throws -> DeletionResult {
        guard !filter.isEmpty else {
            throw FaceStoreError.invalidInput("an empty filter would delete every face of the collection")
        }
        let request = try filter.request(collectionID: collectionID).select(FaceRow.Columns.id)
        let (deleted, filesRemoved) = try await writeThenRemoveFiles { db in
            try Self.deleteFaces(try Int64.fetchAll(db, request), db)
        }
        return deleted.result(filesRemoved: filesRemoved)
    }

    /// What a face deletion removed inside its transaction.
    struct DeletedRows: Sendable {
        var faceIDs: [Int64] = []
        var imageIDs: [Int64] = []

        func result(filesRemoved: Int) -> DeletionResult {
            DeletionResult(faceIDs: faceIDs, imageIDs: imageIDs, filesRemoved: filesRemoved)
        }
    }

    /// Deletes the faces with these ids, then the images they leave empty;
    /// returns what went and the file names no image row refers to any more.
    private static func deleteFaces(_ ids: [Int64], _ db: Database) throws -> (
        DeletedRows, unreferenced: [String]
    ) {
        var deleted = DeletedRows()
        var touchedImages = Set<Int64>()
        for chunk in chunks(of: ids) {
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, image_id FROM faces WHERE id IN \(placeholders(chunk.count))",
                arguments: StatementArguments(chunk))
            deleted.faceIDs += rows.map { $0[0] as Int64 }
            touchedImages.formUnion(rows.map { $0[1] as Int64 })
            _ = try FaceRow.deleteAll(db, keys: chunk)
        }
        var fileNames = Set<String>()
        for chunk in chunks(of: Array(touchedImages)) {
            let emptied = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, file_name FROM images WHERE id IN \(placeholders(chunk.count))
                    AND NOT EXISTS (SELECT 1 FROM faces WHERE faces.image_id = images.id)
                    """,
                arguments: StatementArguments(chunk))
            let emptiedIDs = emptied.map { $0[0] as Int64 }
            deleted.imageIDs += emptiedIDs
            fileNames.formUnion(emptied.map { $0[1] as String })
            _ = try ImageRow.deleteAll(db, keys: emptiedIDs)
        }
        return (deleted, unreferenced: try unreferenced(Array(fileNames), db))
    }

    private static func placeholders(_ count: Int) -> String {
        "(" + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }
}
