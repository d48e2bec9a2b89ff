import Foundation
import GRDB

/// A row of `images`.
struct ImageRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "images"

    var id: Int64?
    var collectionID: Int64
    var sha256: String
    var byteCount: Int
    var width: Int
    var height: Int
    var format: String
    var fileName: String
    var externalID: String?
    var metadata: String?
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, sha256, width, height, format, metadata
        case collectionID = "collection_id"
        case byteCount = "byte_count"
        case fileName = "file_name"
        case externalID = "external_id"
        case createdAt = "created_at"
    }

    /// Column names used in filters.
    enum Columns {
        static let collectionID = Column(CodingKeys.collectionID)
        static let sha256 = Column(CodingKeys.sha256)
        static let fileName = Column(CodingKeys.fileName)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The public value. The file name is checked, so ``FaceStore/fileURL(of:)``
    /// can never point outside the images folder, even with a tampered database.
    func stored() throws(FaceStoreError) -> StoredImage {
        guard let id else { throw .corruptRow("an image row has no id") }
        guard ImageFiles.isValidFileName(fileName) else {
            throw .corruptRow("image \(id) has an invalid file name")
        }
        return StoredImage(
            id: id, collectionID: collectionID, sha256: sha256, byteCount: byteCount, width: width,
            height: height, format: format, fileName: fileName, externalID: externalID,
            metadata: try metadata.map { text throws(FaceStoreError) in
                try JSONValue.object(fromText: text, in: "image \(id)")
            },
            createdAt: createdAt)
    }
}
