import FaceSearch
import FaceStore
import Hummingbird

/// The answer to indexing a photo: the stored photo, its stored faces, the
/// faces found but skipped, and whether the same bytes were stored before.
struct IndexedPhoto: ResponseEncodable {
    struct Image: Encodable {
        let id: Int64
        let url: String
        let width: Int
        let height: Int
        let format: String
        let sha256: String
        let externalID: String?

        enum CodingKeys: String, CodingKey {
            case id, url, width, height, format, sha256
            case externalID = "external_id"
        }
    }

    struct Skipped: Encodable {
        let box: FaceJSON.Box
        let confidence: Double
        let reason: String
    }

    let image: Image
    let faces: [FaceJSON.Stored]
    let skipped: [Skipped]
    let alreadyStored: Bool

    init(_ result: IndexResult) {
        let stored = result.image
        image = Image(
            id: stored.id, url: FaceJSON.imageURL(stored.id), width: stored.width, height: stored.height,
            format: stored.format, sha256: stored.sha256, externalID: stored.externalID)
        faces = result.faces.map(FaceJSON.Stored.init)
        skipped = result.skipped.map {
            Skipped(box: FaceJSON.Box($0.box), confidence: $0.confidence, reason: $0.reason.rawValue)
        }
        alreadyStored = result.alreadyStored
    }

    enum CodingKeys: String, CodingKey {
        case image, faces, skipped
        case alreadyStored = "already_stored"
    }
}
