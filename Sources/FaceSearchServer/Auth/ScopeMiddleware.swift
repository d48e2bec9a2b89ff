import FaceStore
import Hummingbird

/// The check of one route that needs a key (``RouteAccess/key(_:)``),
/// attached to the route where it is registered (``ScopedRoutes``): 401
/// `unauthenticated` with `WWW-Authenticate: Bearer` for a missing, unknown
/// or revoked key, 403 `forbidden` for a key whose scope is too low, and 403
/// for a key limited to other collections than the route's `{name}`. It
/// puts the key's ``CollectionAccess`` in the context for the routes that
/// reach collections by other means (images, thumbnails, lists, the stream).
/// Added last to the router, it also guards the paths no route matches, so
/// probing for routes without a key gets 401, not 404.
struct ScopeMiddleware<Context: AccessRequestContext>: RouterMiddleware {
    let required: APIKeyScope

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let key: APIKeyRecord
        switch context.caller {
        case .unchecked:
            return try await next(request, context)
        case .anonymous:
            throw Self.unauthenticated("an API key is required: send Authorization: Bearer <key>")
        case .unknownKey:
            throw Self.unauthenticated("the API key is unknown or revoked")
        case .key(let found):
            key = found
        }
        guard key.scope.includes(required) else {
            throw APIError(
                .forbidden, code: "forbidden",
                message:
                    "this endpoint needs a key of scope \(required.rawValue); this key has \(key.scope.rawValue)"
            )
        }
        var context = context
        context.access = CollectionAccess(key)
        if let collection = context.parameters.get("name") {
            try context.access.check(collection)
        }
        return try await next(request, context)
    }

    private static func unauthenticated(_ message: String) -> APIError {
        APIError(
            .unauthorized, code: "unauthenticated", message: message, headers: [.wwwAuthenticate: "Bearer"])
    }
}
