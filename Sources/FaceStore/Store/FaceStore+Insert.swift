import Foundation
import GRDB

extension FaceStore {
    /// Stores a photo and its faces in a collection, crash-safely: the image
    /// row, its stored file and its faces become visible together or not at
    /// all (the order of the steps is in ``FaceStore``'s documentation).
    ///
    /// Throws ``FaceStoreError/duplicateImage(existingID:)`` when the
    /// collection already holds these bytes, ``FaceStoreError/collectionNotFound(_:)``
    /// (named `#id`), and ``FaceStoreError/invalidInput(_:)`` for a digest that
    /// does not match the bytes, a descriptor of the wrong length, a bad box,
    /// landmark or metadata. Returns the rows as stored; faces in the given order.
    public func insert(_ image: NewImage, faces: [NewFace], collectionID: Int64) async throws
        -> (StoredImage, [StoredFace])
    {
        let image = try image.normalizedText()
        try image.validate()
        let dimension = try await precheck(sha256: image.sha256, collectionID: collectionID)
        let faces = try faces.map { face throws(FaceStoreError) in try face.normalizedText() }
        for face in faces { try face.validate(dimension: dimension) }
        let fileName = ImageFiles.fileName(sha256: image.sha256, format: image.format)

        // Step 1, outside the write lock and off the cooperative pool: durable bytes under a temporary name.
        let temporary = try await files.writeTemporary(image, as: fileName)
        do {
            let stored = try await database.writeWithoutTransaction { db in
                var createdFile = false
                do {
                    var stored: (StoredImage, [StoredFace])?
                    try db.inTransaction(.immediate) {
                        // Step 2: the check that counts, under the writer.
                        if let existing = try Self.imageID(
                            collectionID: collectionID, sha256: image.sha256, db)
                        {
                            throw FaceStoreError.duplicateImage(existingID: existing)
                        }
                        // Step 3: the file is durable at its address before any row refers to it.
                        createdFile = try files.place(temporary: temporary, as: fileName)
                        // Step 4: every row, then the commit.
                        stored = try Self.insertRows(image, faces, fileName: fileName, collectionID, db)
                        return .commit
                    }
                    guard let stored else { preconditionFailure("committed without rows") }
                    return stored
                } catch {
                    // Rolled back: take back what this insert put on disk (a crash here leaves
                    // an orphan, which the next open sweeps).
                    _ = try? POSIX.remove(temporary)
                    if createdFile { _ = try? POSIX.remove(files.path(fileName)) }
                    throw error
                }
            }
            logger.debug(
                "image stored",
                metadata: [
                    "store.image": "\(stored.0.id)", "store.faces": "\(stored.1.count)",
                    "store.file": "\(stored.0.fileName)",
                ])
            return stored
        } catch {
            // The writer never ran (a cancelled task): drop the temporary file, off the pool.
            _ = try? await files.run { try POSIX.remove(temporary) }
            throw Self.translate(error)
        }
    }

    /// The collection's dimension, after checking the collection exists and
    /// does not hold the photo yet (checked again under the writer; this one
    /// saves writing a file for nothing).
    private func precheck(sha256: String, collectionID: Int64) async throws -> Int {
        try await read { db in
            guard let collection = try CollectionRow.fetchOne(db, key: collectionID) else {
                throw FaceStoreError.collectionNotFound("#\(collectionID)")
            }
            if let existing = try Self.imageID(collectionID: collectionID, sha256: sha256, db) {
                throw FaceStoreError.duplicateImage(existingID: existing)
            }
            return collection.dimension
        }
    }

    static func imageID(collectionID: Int64, sha256: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT id FROM images WHERE collection_id = ? AND sha256 = ?",
            arguments: [collectionID, sha256])
    }

    /// Inserts the image row and its face rows, then reads them back (so the
    /// returned values equal later reads, dates included).
    private static func insertRows(
        _ image: NewImage, _ faces: [NewFace], fileName: String, _ collectionID: Int64, _ db: Database
    ) throws -> (StoredImage, [StoredFace]) {
        let now = Date()
        var imageRow = ImageRow(
            id: nil, collectionID: collectionID, sha256: image.sha256, byteCount: image.bytes.count,
            width: image.width, height: image.height, format: image.format, fileName: fileName,
            externalID: image.externalID,
            metadata: try image.metadata.map { object throws(FaceStoreError) in try JSONValue.text(of: object)
            },
            createdAt: now)
        try imageRow.insert(db)
        guard let imageID = imageRow.id else { throw FaceStoreError.database("the image row got no id") }
        for face in faces {
            var faceRow = try FaceRow(face, imageID: imageID, collectionID: collectionID, createdAt: now)
            try faceRow.insert(db)
        }
        guard let stored = try ImageRow.fetchOne(db, key: imageID) else {
            throw FaceStoreError.database("the image row vanished inside its transaction")
        }
        let storedFaces = try FaceRow.filter(FaceRow.Columns.imageID == imageID).order(FaceRow.Columns.id)
            .fetchAll(db)
        return (try stored.stored(), try storedFaces.map { row throws(FaceStoreError) in try row.stored() })
    }
}
