import FaceSearch
import FaceStore
import FaceVision

/// JSON shapes shared by several endpoints (and by the CLI's `--json`).
/// Keys are snake_case through explicit coding keys: a key strategy would
/// also rewrite metadata keys.
public enum FaceJSON {
    /// A face rectangle in pixels of its photo.
    public struct Box: Encodable, Equatable, Sendable {
        let left: Int
        let top: Int
        let right: Int
        let bottom: Int

        init(_ box: FaceBox) {
            (left, top, right, bottom) = (box.left, box.top, box.right, box.bottom)
        }

        init(_ face: StoredFace) {
            (left, top, right, bottom) = (face.left, face.top, face.right, face.bottom)
        }
    }

    /// The URL path a stored photo is served at.
    static func imageURL(_ imageID: Int64) -> String { "/v1/images/\(imageID)" }

    /// A stored face, as `GET /v1/collections/{name}/faces/{id}` answers it.
    public struct Stored: Encodable, Equatable, Sendable {
        let id: Int64
        let imageID: Int64
        let imageURL: String
        let thumbnailURL: String
        let box: Box
        let landmarks: [[Int]]
        let confidence: Double
        let quality: Double
        let label: String?
        let externalID: String?
        let metadata: [String: JSONValue]?

        /// The JSON of a stored face.
        public init(_ face: StoredFace) {
            id = face.id
            imageID = face.imageID
            imageURL = FaceJSON.imageURL(face.imageID)
            thumbnailURL = FaceJSON.thumbnailURL(face.id)
            box = Box(face)
            landmarks = face.landmarks
            confidence = face.confidence
            quality = face.quality
            label = face.label
            externalID = face.externalID
            metadata = face.metadata
        }

        enum CodingKeys: String, CodingKey {
            case id, box, landmarks, confidence, quality, label, metadata
            case imageID = "image_id"
            case imageURL = "image_url"
            case thumbnailURL = "thumbnail_url"
            case externalID = "external_id"
        }
    }

    /// A face found in a photo (not stored).
    struct Detected: Encodable, Equatable {
        let box: Box
        let confidence: Double
        let landmarks: [[Int]]

        init(box: FaceBox, confidence: Double, landmarks: [Point]) {
            self.box = Box(box)
            self.confidence = confidence
            self.landmarks = landmarks.map { [$0.x, $0.y] }
        }
    }

    /// What a deletion removed.
    struct Deletion: Encodable, Equatable {
        let deletedFaces: [Int64]
        let deletedImages: [Int64]

        init(_ result: DeletionResult) {
            deletedFaces = result.faceIDs
            deletedImages = result.imageIDs
        }

        enum CodingKeys: String, CodingKey {
            case deletedFaces = "deleted_faces"
            case deletedImages = "deleted_images"
        }
    }
}
