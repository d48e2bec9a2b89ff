import FaceSearch
import FaceStore
import Hummingbird

/// `POST /v1/collections/{name}/search`: the most similar stored faces for
/// every face of a photo.
struct SearchController<Context: RequestContext> {
    let engine: FaceSearchEngine
    let configuration: ServerConfiguration

    struct Match: Encodable {
        let faceID: Int64
        let score: Double
        let distance: Double
        let label: String?
        let externalID: String?
        let metadata: [String: JSONValue]?
        let imageID: Int64
        let imageURL: String
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
            box = FaceJSON.Box(match.box)
        }

        enum CodingKeys: String, CodingKey {
            case score, distance, label, metadata, box
            case faceID = "face_id"
            case externalID = "external_id"
            case imageID = "image_id"
            case imageURL = "image_url"
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
    }

    var routes: RouteCollection<Context> {
        RouteCollection(context: Context.self).post(use: search)
    }

    @Sendable func search(_ request: Request, context: Context) async throws -> Answer {
        let query = QueryParameters(request)
        let maxTopK = min(configuration.maxTopK, SearchOptions.maxTopK)
        let options = SearchOptions(
            topK: try query.int("top_k", in: 1...maxTopK) ?? 5,
            threshold: try query.double("threshold", in: 0...1), label: try query.nonEmptyString("label"),
            faces: try query.faceSelection())
        let name = try context.parameters.require("name")
        var request = request
        let bytes = try await request.imageBytes(limit: configuration.maxBodyBytes)
        let result = try await engine.search(photo: bytes, in: name, options: options)
        return Answer(
            collection: result.collection, threshold: result.threshold,
            faces: result.faces.map { face in
                QueryFace(
                    box: FaceJSON.Box(face.box), confidence: face.confidence,
                    landmarks: face.landmarks.map { [$0.x, $0.y] }, matches: face.matches.map(Match.init))
            })
    }
}
