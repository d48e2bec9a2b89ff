import FaceSearch
import Foundation
import Hummingbird

/// The one global piece of authentication: finds the API key a request
/// carries and puts its ``Caller`` in the context. It refuses nothing; each
/// route's ``ScopeMiddleware`` decides. Keys come from
/// `Authorization: Bearer <key>` or `X-API-Key: <key>`, never from the URL,
/// where they would end up in logs. Browsers send the key of the
/// `/v1/stream` upgrade as a `key.<KEY>` subprotocol instead
/// (``WebSocketKeyProtocol``): they cannot set headers there.
struct KeyIdentificationMiddleware<Context: AccessRequestContext>: RouterMiddleware {
    let engine: FaceSearchEngine
    let mode: ServerConfiguration.Authentication

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.caller = try await identify(request)
        if case .key(let key) = context.caller {
            context.logger[metadataKey: "key.id"] = "\(key.id)"
        }
        return WebSocketKeyProtocol.choosing(try await next(request, context), for: request)
    }

    private func identify(_ request: Request) async throws -> Caller {
        guard mode == .required else { return .unchecked }
        guard let text = Self.key(in: request.headers) ?? WebSocketKeyProtocol.key(in: request) else {
            return .anonymous
        }
        return try await engine.authenticate(key: text).map(Caller.key) ?? .unknownKey
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
}
