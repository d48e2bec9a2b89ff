import Hummingbird

/// Registers routes together with the access each one needs: the only way
/// this server adds a route. A `key` route gets a ``ScopeMiddleware`` of its
/// own, so its scope is checked by the route itself and not by a second
/// table of paths; every declaration is also recorded in ``RouteScopes``.
/// ``buildRouter(engine:configuration:metrics:)`` refuses a router holding a
/// route that declared nothing (deny by default).
final class ScopedRoutes<Context: AccessRequestContext> {
    private let router: Router<Context>
    private let prefix: RouterPath
    private let recorder: Recorder

    /// The table of what has been declared so far.
    var scopes: RouteScopes { recorder.scopes }

    /// Routes on `router`, whose global middleware must include a
    /// ``KeyIdentificationMiddleware``.
    init(router: Router<Context>) {
        self.router = router
        self.prefix = ""
        self.recorder = Recorder()
    }

    private init(parent: ScopedRoutes, prefix: RouterPath) {
        router = parent.router
        recorder = parent.recorder
        self.prefix = prefix
    }

    /// The same registrar, for paths under `path`.
    func under(_ path: RouterPath) -> ScopedRoutes {
        ScopedRoutes(parent: self, prefix: prefix.appendingPath(path))
    }

    /// The group to register exactly one route of `method` and `path` on,
    /// guarded for `access`; records the declaration.
    func group(_ method: HTTPRequest.Method, _ path: RouterPath, access: RouteAccess) -> RouterGroup<Context>
    {
        let full = prefix.appendingPath(path)
        recorder.scopes.declare(access, method: method, path: full.description)
        let group = router.group(full)
        if let scope = access.scope { group.add(middleware: ScopeMiddleware<Context>(required: scope)) }
        return group
    }

    /// Registers `handler` for `method path`, callable with `access`.
    @discardableResult func on(
        _ path: RouterPath = "", method: HTTPRequest.Method, access: RouteAccess,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self {
        group(method, path, access: access).on("", method: method, use: handler)
        return self
    }

    /// `GET path`, callable with `access`.
    @discardableResult func get(
        _ path: RouterPath = "", access: RouteAccess,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self { on(path, method: .get, access: access, use: handler) }

    /// `POST path`, callable with `access`.
    @discardableResult func post(
        _ path: RouterPath = "", access: RouteAccess,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self { on(path, method: .post, access: access, use: handler) }

    /// `PATCH path`, callable with `access`.
    @discardableResult func patch(
        _ path: RouterPath = "", access: RouteAccess,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self { on(path, method: .patch, access: access, use: handler) }

    /// `DELETE path`, callable with `access`.
    @discardableResult func delete(
        _ path: RouterPath = "", access: RouteAccess,
        use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) -> Self { on(path, method: .delete, access: access, use: handler) }

    /// The routes of the router that declared no access: empty unless a
    /// route was added to the router behind this registrar's back.
    func undeclaredRoutes() -> [String] {
        router.routes.filter { scopes.access(method: $0.method, path: $0.path.description) == nil }
            .map(\.description)
    }

    /// Shared by a registrar and the ones made with ``under(_:)``.
    private final class Recorder {
        var scopes = RouteScopes()
    }
}
