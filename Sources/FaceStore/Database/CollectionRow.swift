import Foundation
import GRDB

/// A row of `collections`.
struct CollectionRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "collections"

    var id: Int64?
    var name: String
    var metric: String
    var modelID: String
    var detector: String?
    var vectorIndex: String?
    var dimension: Int
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, name, metric, dimension, detector
        case modelID = "model_id"
        case vectorIndex = "vector_index"
        case createdAt = "created_at"
    }

    /// Column names used in filters.
    enum Columns {
        static let name = Column(CodingKeys.name)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The public value.
    func record() throws(FaceStoreError) -> CollectionRecord {
        guard let id else { throw .corruptRow("a collection row has no id") }
        return CollectionRecord(
            id: id, name: name, metric: metric, modelID: modelID, detector: detector,
            vectorIndex: vectorIndex,
            dimension: dimension,
            createdAt: createdAt)
    }
}
