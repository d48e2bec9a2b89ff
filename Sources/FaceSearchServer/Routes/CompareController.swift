import FaceSearch
import Hummingbird

/// `POST /v1/compare`: whether the largest faces of two photos show the same
/// person. The photos come as the multipart parts `first` and `second` or as
/// the base64 JSON members of those names; nothing is stored.
struct CompareController<Context: AccessRequestContext> {
    let engine: FaceSearchEngine
    let configuration: ServerConfiguration

    struct Answer: ResponseEncodable {
        let distance: Double
        let metric: String
        let embedder: String
        let score: Double
        let samePerson: Bool
        let threshold: Double
        let first: FaceJSON.Box
        let second: FaceJSON.Box

        init(_ comparison: Comparison) {
            distance = comparison.distance
            metric = comparison.embedder.distanceName
            embedder = comparison.embedder.rawValue
            score = comparison.score
            samePerson = comparison.samePerson
            threshold = comparison.threshold
            first = FaceJSON.Box(comparison.first)
            second = FaceJSON.Box(comparison.second)
        }

        enum CodingKeys: String, CodingKey {
            case distance, metric, embedder, score, threshold, first, second
            case samePerson = "same_person"
        }
    }

    /// Mounts `POST` on `routes`.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        routes.post(access: .key(.search), use: compare)
    }

    @Sendable func compare(_ request: Request, context: Context) async throws -> Answer {
        var request = request
        let photos = try await request.photoRequest(
            limit: configuration.maxBodyBytes, photoNames: ["first", "second"])
        let parameters = photos.parameters(request)
        let threshold = try parameters.double("threshold", in: 0...1)
        let models = try parameters.models(defaults: engine.pipeline.configuration.models)
        let comparison = try await engine.compare(
            try photos.photo("first"), try photos.photo("second"), threshold: threshold, models: models)
        return Answer(comparison)
    }
}
