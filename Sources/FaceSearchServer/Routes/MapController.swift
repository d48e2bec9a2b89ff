import FaceSearch
import Hummingbird

/// `GET /v1/collections/{name}/map`: the embedding map of a collection, its
/// descriptors projected to 2-D by PCA and clustered by k-means, for the web
/// page's visual check of how well faces group by person.
struct MapController<Context: AccessRequestContext> {
    let engine: FaceSearchEngine

    /// The answer: one point per face (at most ``EmbeddingMap/maxPoints``).
    struct Answer: ResponseEncodable {
        struct Point: Encodable {
            let point: EmbeddingMap.Point

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(point.faceID, forKey: .faceID)
                try container.encode(point.x, forKey: .x)
                try container.encode(point.y, forKey: .y)
                try container.encode(point.label, forKey: .label)
                try container.encode(point.cluster, forKey: .cluster)
            }

            enum CodingKeys: String, CodingKey {
                case x, y, label, cluster
                case faceID = "face_id"
            }
        }

        let collection: String
        let color: String
        let points: [Point]
        let explainedVariance: [Double]
        let k: Int
        let totalFaces: Int
        let truncated: Bool

        enum CodingKeys: String, CodingKey {
            case collection, color, points, k, truncated
            case explainedVariance = "explained_variance"
            case totalFaces = "total_faces"
        }
    }

    /// Mounts `GET` on `routes`.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        routes.get(access: .key(.search), use: map)
    }

    @Sendable func map(_ request: Request, context: Context) async throws -> Answer {
        let name = try context.parameters.require("name")
        let query = RequestParameters(request)
        let color = try query.string("color") ?? "label"
        guard color == "label" || color == "cluster" else {
            throw APIError.invalidArgument("color must be label or cluster, not \(color)")
        }
        let k = try query.int("k", in: 1...EmbeddingMap.maxClusters)
        let map = try await engine.embeddingMap(of: name, k: k)
        return Answer(
            collection: name, color: color, points: map.points.map(Answer.Point.init),
            explainedVariance: map.explainedVariance, k: map.k, totalFaces: map.totalFaces,
            truncated: map.truncated)
    }
}
