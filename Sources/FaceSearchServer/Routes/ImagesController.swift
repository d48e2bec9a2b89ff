import FaceSearch
import Hummingbird

/// `GET /v1/images/{id}`: a stored original photo. The file path comes only
/// from the store (``FaceSearchEngine/originalPhoto(id:allows:)``), never from the request; the id must be
/// an integer. A key limited to other collections gets 404, as for an
/// unknown id.
struct ImagesController<Context: AccessRequestContext> {
    let engine: FaceSearchEngine
    let fileIO = FileIO()

    /// Mounts `GET {id}` on `routes`.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        routes.get(":id", access: .key(.search), use: image)
    }

    @Sendable func image(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.requireID("id")
        guard let photo = try await engine.originalPhoto(id: id, allows: context.access.allows) else {
            throw APIError(.notFound, code: "image_not_found", message: "no image has id \(id)")
        }
        let body: ResponseBody
        do {
            body = try await fileIO.loadFile(path: photo.file.path, context: context)
        } catch {
            throw APIError(
                .internalServerError, code: "image_file_missing",
                message: "internal error (image_file_missing)")
        }
        var headers: HTTPFields = [.contentType: Self.mediaType(of: photo.format)]
        // Stored photos are content-addressed and never change, so they may be cached for good.
        headers[.cacheControl] = "private, max-age=31536000, immutable"
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The media type of a stored format (`jpeg`, `png`, `webp`).
    static func mediaType(of format: String) -> String {
        switch format {
        case "png": "image/png"
        case "webp": "image/webp"
        default: "image/jpeg"
        }
    }
}
