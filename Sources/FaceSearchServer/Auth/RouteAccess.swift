import FaceStore
import Hummingbird

/// Who may call a route, declared where the route is registered
/// (``ScopedRoutes``): nobody needs a key for an `open` route; a `key` route
/// needs a key of at least that scope.
enum RouteAccess: Sendable, Equatable {
    /// No key needed: the probes, the API description and the web page.
    case open
    /// A key whose scope includes this one.
    case key(APIKeyScope)

    /// The scope needed, or nil for an open route.
    var scope: APIKeyScope? {
        switch self {
        case .open: nil
        case .key(let scope): scope
        }
    }
}

/// The access every registered route declared, by method and path as the
/// router spells it (`/v1/collections/{name}`). The router is checked
/// against it when built, and the OpenAPI document states it as `x-scope`.
struct RouteScopes: Sendable {
    private(set) var entries: [String: RouteAccess] = [:]

    /// Records the access of `method path`.
    mutating func declare(_ access: RouteAccess, method: HTTPRequest.Method, path: String) {
        entries[Self.key(method: method, path: path)] = access
    }

    /// The table with `access` declared for `method` on each of `paths`.
    func declaring(_ access: RouteAccess, method: HTTPRequest.Method, paths: [String]) -> RouteScopes {
        var result = self
        for path in paths { result.declare(access, method: method, path: path) }
        return result
    }

    /// The access `method path` declared, or nil when it declared none.
    func access(method: HTTPRequest.Method, path: String) -> RouteAccess? {
        entries[Self.key(method: method, path: path)]
    }

    private static func key(method: HTTPRequest.Method, path: String) -> String {
        "\(method.rawValue) \(path)"
    }
}
