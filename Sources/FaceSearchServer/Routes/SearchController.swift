import FaceSearch
import FaceStore
import Hummingbird

/// `POST /v1/collections/{name}/search`: the most similar stored faces for
/// every face of a photo, optionally only among faces whose metadata matches
/// the `filter` parameters.
struct SearchController<Context: AccessRequestContext> {
    let engine: FaceSearchEngine
    let configuration: ServerConfiguration

    /// Mounts `POST` on `routes`.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        routes.post(access: .key(.search), use: search)
    }

    @Sendable func search(_ request: Request, context: Context) async throws -> SearchAnswer.Answer {
        let name = try context.parameters.require("name")
        var request = request
        let photo = try await request.photoRequest(limit: configuration.maxBodyBytes)
        let query = photo.parameters(request)
        let maxTopK = min(configuration.maxTopK, SearchOptions.maxTopK)
        let options = SearchOptions(
            topK: try query.int("top_k", in: 1...maxTopK) ?? 5,
            threshold: try query.double("threshold", in: 0...1), label: try query.string("label"),
            metadata: try query.metadataFilter(json: photo.filter), faces: try query.faceSelection())
        let result = try await engine.search(
            photo: try photo.photo("image", "file"), in: name, options: options)
        return SearchAnswer.Answer(result)
    }
}
