import FaceStore
import Foundation
import Hummingbird

/// Checks the API key of each request against the scope its endpoint needs
/// (``EndpointScope``): 401 `unauthenticated` with `WWW-Authenticate: Bearer`
/// for a missing, unknown or revoked key, 403 `forbidden` for a key whose
/// scope is too low. Keys come from `Authorization: Bearer <key>` or
/// `X-API-Key: <key>`, never from the URL, where they would end up in logs.
/// A key limited to some collections gets 403 on the paths of the others
/// and carries its ``CollectionAccess`` in the context for the routes that
/// reach collections by other means (images, thumbnails, lists, the stream).
/// Browsers send the key of the `/v1/stream` upgrade as a `key.<KEY>`
/// subprotocol instead (``WebSocketKeyProtocol``): they cannot set headers there.
struct AuthenticationMiddleware<Context: AccessRequestContext>: RouterMiddleware {
    let store: FaceStore
    let mode: ServerConfiguration.Authentication
    /// Whether `/metrics` needs a key too.
    var metricsRequireKey = false

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let response = try await authenticate(request, context: context, next: next)
        return WebSocketKeyProtocol.choosing(response, for: request)
    }

    private func authenticate(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard mode == .required,
            let required = EndpointScope.required(
                method: request.method, path: request.uri.path, metricsRequireKey: metricsRequireKey)
        else {
            return try await next(request, context)
        }
        guard let text = Self.key(in: request.headers) ?? WebSocketKeyProtocol.key(in: request) else {
            throw Self.unauthenticated("an API key is required: send Authorization: Bearer <key>")
        }
        guard let key = try await store.authenticate(key: text) else {
            throw Self.unauthenticated("the API key is unknown or revoked")
        }
        guard key.scope.includes(required) else {
            throw APIError(
                .forbidden, code: "forbidden",
                message:
                    "this endpoint needs a key of scope \(required.rawValue); this key has \(key.scope.rawValue)"
            )
        }
        let access = CollectionAccess(key)
        if let collection = EndpointScope.collection(in: request.uri.path) {
            try access.check(collection)
        }
        var context = context
        context.access = access
        context.logger[metadataKey: "key.id"] = "\(key.id)"
        return try await next(request, context)
    }

    /// The key a request carries, from either header.
    static func key(in headers: HTTPFields) -> String? {
        if let authorization = headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return headers.first { $0.name.canonicalName == "x-api-key" }?.value.trimmingCharacters(
            in: .whitespaces)
    }

    private static func unauthenticated(_ message: String) -> APIError {
        APIError(
            .unauthorized, code: "unauthenticated", message: message, headers: [.wwwAuthenticate: "Bearer"])
    }
}
