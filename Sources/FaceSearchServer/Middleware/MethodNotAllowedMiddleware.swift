import Hummingbird

/// Answers 405 `method_not_allowed` with an `Allow` header when the path of a
/// request is routed, but not for its method (`PUT /v1/collections`), where
/// Hummingbird alone answers 404 as for a path it does not know.
///
/// It is added after every route, so it wraps only Hummingbird's not-found
/// responder; the methods come from the router's own list of routes, plus
/// HEAD wherever GET is routed when the router answers HEAD from GET (that
/// list is taken before the router is built, so it does not show them yet).
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The routed paths and the methods each one answers.
    private let routes: [(path: RouterPath, methods: Set<HTTPRequest.Method>)]

    init(routes: [Router<Context>.RouteDescription], headFromGet: Bool) {
        var methods: [String: (path: RouterPath, methods: Set<HTTPRequest.Method>)] = [:]
        for route in routes {
            methods[route.path.description, default: (route.path, [])].methods.insert(route.method)
            if headFromGet && route.method == .get {
                methods[route.path.description, default: (route.path, [])].methods.insert(.head)
            }
        }
        self.routes = Array(methods.values)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let allowed = allowedMethods(path: request.uri.path)
            guard !allowed.isEmpty else { throw error }
            let list = allowed.map(\.rawValue).joined(separator: ", ")
            throw APIError(
                .methodNotAllowed, code: "method_not_allowed",
                message: "\(request.method.rawValue) is not allowed on \(request.uri.path); use \(list)",
                headers: [.allow: list])
        }
    }

    /// The methods routed for `path`, in alphabetical order; empty when no route has its shape.
    func allowedMethods(path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let matching = routes.filter { route in
            route.path.components.count == parts.count
                && zip(route.path.components, parts).allSatisfy { $0 ~= $1 }
        }
        return Set(matching.flatMap(\.methods)).sorted { $0.rawValue < $1.rawValue }
    }
}
