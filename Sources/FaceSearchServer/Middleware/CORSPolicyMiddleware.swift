import Hummingbird

/// Cross-origin access for browsers on other origins, off unless origins are
/// configured (`cors_origins`). An allowed origin gets
/// `Access-Control-Allow-Origin` (and `Vary: Origin`) on every answer,
/// errors included, and its preflight `OPTIONS` requests are answered 204
/// here, before authentication, as browsers send them without a key. No
/// credentials (cookies) are involved: the API takes its key in a header.
/// (Hummingbird's `CORSMiddleware` takes its origin list only as variadic
/// arguments, which a list read from the configuration cannot be passed to.)
struct CORSPolicyMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Allowed origins; `*` allows any.
    let origins: Set<String>

    static var allowedMethods: String { "GET, POST, PATCH, DELETE, OPTIONS" }
    static var allowedHeaders: String { "Authorization, X-API-Key, Content-Type" }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let origin = request.headers[.origin], origins.contains("*") || origins.contains(origin) else {
            return try await next(request, context)
        }
        let allowOrigin = origins.contains("*") ? "*" : origin
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            return Response(
                status: .noContent,
                headers: [
                    .accessControlAllowOrigin: allowOrigin, .vary: "Origin",
                    .accessControlAllowMethods: Self.allowedMethods,
                    .accessControlAllowHeaders: Self.allowedHeaders, .accessControlMaxAge: "600",
                ])
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = allowOrigin
        response.headers[.accessControlExposeHeaders] = "Retry-After, WWW-Authenticate"
        if allowOrigin != "*" { response.headers[.vary] = "Origin" }
        return response
    }
}
