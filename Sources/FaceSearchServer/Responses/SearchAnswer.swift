import FaceSearch
import FaceStore
import Hummingbird

/// The answer of a search, by photo or by face id: each query face with its
/// matches, best first.
enum SearchAnswer {
    struct Match: Encodable {
        let faceID: Int64
        let score: Double
        let distance: Double
        let label: String?
        let externalID: String?
        let metadata: [String: JSONValue]?
        let imageID: Int64
        let imageURL: String
        let thumbnailURL: String
        let box: FaceJSON.Box

        init(_ match: FaceMatch) {
            faceID = match.faceID
            score = match.score
            distance = match.distance
            label = match.label
            externalID = match.externalID
            metadata = match.metadata
            imageID = match.imageID
            imageURL = FaceJSON.imageURL(match.imageID)
            thumbnailURL = FaceJSON.thumbnailURL(match.faceID)
            box = FaceJSON.Box(match.box)
        }

        enum CodingKeys: String, CodingKey {
            case score, distance, label, metadata, box
            case faceID = "face_id"
            case externalID = "external_id"
            case imageID = "image_id"
            case imageURL = "image_url"
            case thumbnailURL = "thumbnail_url"
        }
    }

    struct QueryFace: Encodable {
        let box: FaceJSON.Box
        let confidence: Double
        let landmarks: [[Int]]
        /// Best first; empty means no stored face reached the threshold.
        let matches: [Match]
    }

    struct Answer: ResponseEncodable {
        let collection: String
        let threshold: Double
        let faces: [QueryFace]

        init(_ result: SearchResult) {
            collection = result.collection
            threshold = result.threshold
            faces = result.faces.map { face in
                QueryFace(
                    box: FaceJSON.Box(face.box), confidence: face.confidence,
                    landmarks: face.landmarks.map { [$0.x, $0.y] }, matches: face.matches.map(Match.init))
            }
        }
    }
}
