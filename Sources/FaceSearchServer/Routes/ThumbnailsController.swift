import FaceSearch
import Hummingbird

/// `GET /v1/faces/{id}/thumbnail`: a square JPEG of a stored face, cut from
/// its stored photo on the inference threads. Face ids are never reused, so
/// the answer may be cached for good. A key limited to other collections
/// gets 404, as for an unknown id.
struct ThumbnailsController<Context: AccessRequestContext> {
    let engine: FaceSearchEngine

    /// Mounts `GET {id}/thumbnail` on `routes`.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        routes.get(":id/thumbnail", access: .key(.search), use: thumbnail)
    }

    @Sendable func thumbnail(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.requireID("id")
        let access = context.access
        let thumbnail = try await engine.thumbnail(ofFace: id, allows: { access.allows($0) })
        return Response(
            status: .ok,
            headers: [.contentType: "image/jpeg", .cacheControl: "private, max-age=31536000, immutable"],
            body: .init(byteBuffer: ByteBuffer(bytes: thumbnail.jpeg)))
    }
}

extension FaceJSON {
    /// The URL path a stored face's thumbnail is served at.
    static func thumbnailURL(_ faceID: Int64) -> String { "/v1/faces/\(faceID)/thumbnail" }
}
