import FaceSearch
import Hummingbird

/// `POST /v1/detect`: the faces of a photo with boxes, landmarks and
/// confidences, without descriptors and without touching any collection.
struct DetectController<Context: AccessRequestContext> {
    let engine: FaceSearchEngine
    let configuration: ServerConfiguration

    struct Answer: ResponseEncodable {
        let width: Int
        let height: Int
        let faces: [FaceJSON.Detected]
    }

    /// Mounts `POST` on `routes`.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        routes.post(access: .key(.search), use: detect)
    }

    @Sendable func detect(_ request: Request, context: Context) async throws -> Answer {
        var request = request
        let photos = try await request.photoRequest(limit: configuration.maxBodyBytes)
        let bytes = try photos.photo("image", "file")
        let models = try photos.parameters(request).models(defaults: engine.pipeline.configuration.models)
        let photo = try await engine.pipeline.detect(bytes, models: models)
        return Answer(
            width: photo.width, height: photo.height,
            faces: photo.faces.map {
                FaceJSON.Detected(box: $0.box, confidence: $0.confidence, landmarks: $0.landmarks)
            })
    }
}
