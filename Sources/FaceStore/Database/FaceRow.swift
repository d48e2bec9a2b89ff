import Foundation
import GRDB

/// A row of `faces`.
struct FaceRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "faces"

    var id: Int64?
    var imageID: Int64
    var collectionID: Int64
    var left: Int
    var top: Int
    var right: Int
    var bottom: Int
    var landmarks: String
    var confidence: Double
    var quality: Double
    var descriptor: Data
    var label: String?
    var externalID: String?
    var metadata: String?
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, left, top, right, bottom, landmarks, confidence, quality, descriptor, label, metadata
        case imageID = "image_id"
        case collectionID = "collection_id"
        case externalID = "external_id"
        case createdAt = "created_at"
    }

    /// Column names used in filters.
    enum Columns {
        static let id = Column(CodingKeys.id)
        static let imageID = Column(CodingKeys.imageID)
        static let collectionID = Column(CodingKeys.collectionID)
        static let label = Column(CodingKeys.label)
        static let externalID = Column(CodingKeys.externalID)
    }

    /// The row of `face`, to insert into `imageID`.
    init(_ face: NewFace, imageID: Int64, collectionID: Int64, createdAt: Date) throws(FaceStoreError) {
        self.imageID = imageID
        self.collectionID = collectionID
        (left, top, right, bottom) = (face.left, face.top, face.right, face.bottom)
        landmarks = try JSONValue.text(ofLandmarks: face.landmarks)
        (confidence, quality) = (face.confidence, face.quality)
        descriptor = DescriptorCoding.blob(face.descriptor)
        (label, externalID) = (face.label, face.externalID)
        metadata = try face.metadata.map { object throws(FaceStoreError) in try JSONValue.text(of: object) }
        self.createdAt = createdAt
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// The public value.
    func stored() throws(FaceStoreError) -> StoredFace {
        guard let id else { throw .corruptRow("a face row has no id") }
        return StoredFace(
            id: id, imageID: imageID, collectionID: collectionID, left: left, top: top, right: right,
            bottom: bottom, landmarks: try JSONValue.landmarks(fromText: landmarks, in: "face \(id)"),
            confidence: confidence, quality: quality,
            descriptor: try DescriptorCoding.values(descriptor, faceID: id), label: label,
            externalID: externalID,
            metadata: try metadata.map { text throws(FaceStoreError) in
                try JSONValue.object(fromText: text, in: "face \(id)")
            },
            createdAt: createdAt)
    }
}
