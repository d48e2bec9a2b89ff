import FaceSearch
import FaceSearchServer
import FaceStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every route the router registers is called without a key and with a key
/// of each scope, and the scope it enforces must be the one docs/API.md's
/// table ("Authentication") and the OpenAPI document state for it.
@Suite struct RouteScopeTests {
    /// The scope a route needs, as docs/API.md names it.
    enum Needed: String, Comparable {
        case none, search, write, admin

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
        private var rank: Int { [.none, .search, .write, .admin].firstIndex(of: self)! }
    }

    /// docs/API.md's table of routes and scopes: `METHOD /path` to the scope.
    static func documentedScopes() throws -> [String: Needed] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/API.md"), encoding: .utf8)
        var table: [String: Needed] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 2, let route = cells.first?.split(separator: "`").first,
                route.contains(" /"), let first = cells[1].split(separator: " ").first
            else { continue }
            table[String(route)] = Needed(
                rawValue: first.trimmingCharacters(in: CharacterSet(charactersIn: "`")))
        }
        return table
    }

    /// A concrete URI for a route's path: parameters get values no collection,
    /// face, photo or file has, so an allowed call changes nothing.
    static func uri(for path: String) -> String {
        path.replacingOccurrences(of: "{name}", with: "no-such-collection")
            .replacingOccurrences(of: "{id}", with: "987654321")
            .replacingOccurrences(of: "{file}", with: "no-such-file.js")
    }

    @Test func everyRouteEnforcesTheScopeTheDocsState() async throws {
        let documented = try Self.documentedScopes()
        let configuration = ServerConfiguration(authentication: .required)
        try await ServerFixtures.withApp(configuration: configuration) { client, engine in
            let routes = buildRouter(engine: engine, configuration: configuration).routes
            let registered = Set(routes.map { "\($0.method.rawValue) \($0.path.description)" })
            #expect(registered == Set(documented.keys), "router and docs/API.md differ")
            let (_, search) = try await engine.store.createKey(name: "reader", scope: .search)
            let (_, write) = try await engine.store.createKey(name: "writer", scope: .write)
            let document = try await client.execute(uri: "/openapi.json", method: .get).json
            let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
            for route in routes {
                let name = "\(route.method.rawValue) \(route.path.description)"
                let enforced = try await Self.enforcedScope(
                    client, route.method, Self.uri(for: route.path.description), search: search, write: write)
                #expect(enforced == documented[name], "\(name) enforces \(enforced)")
                let stated = paths[route.path.description]?[route.method.rawValue.lowercased()]?["x-scope"]
                #expect((stated as? String) == (enforced == .none ? nil : enforced.rawValue), "\(name)")
            }
        }
    }

    @Test func theMetricsRouteNeedsTheScopeItsSettingAsksFor() async throws {
        var configuration = ServerConfiguration(authentication: .required)
        configuration.metricsRequireKey = true
        try await ServerFixtures.withApp(configuration: configuration) { client, engine in
            let (_, search) = try await engine.store.createKey(name: "reader", scope: .search)
            let enforced = try await Self.enforcedScope(
                client, .get, "/metrics", search: search, write: search)
            #expect(enforced == .search)
        }
    }

    @Test func unknownPathsAndMethodsNeedAKey() async throws {
        let configuration = ServerConfiguration(authentication: .required)
        try await ServerFixtures.withApp(configuration: configuration) { client, engine in
            let (_, search) = try await engine.store.createKey(name: "reader", scope: .search)
            for (method, uri) in [(HTTPRequest.Method.get, "/v1/no-such-route"), (.put, "/v1/collections")] {
                let anonymous = try await client.execute(uri: uri, method: method)
                #expect(anonymous.status == .unauthorized && anonymous.errorCode == "unauthenticated")
                let keyed = try await client.execute(
                    uri: uri, method: method, headers: [.authorization: "Bearer \(search)"])
                #expect(keyed.status == (method == .put ? .methodNotAllowed : .notFound))
            }
            // A route of no scope ignores a key it cannot use, as a probe should.
            let probe = try await client.execute(
                uri: "/health", method: .get, headers: [.authorization: "Bearer fsk_nonsense"])
            #expect(probe.status == .ok)
        }
    }

    /// The lowest scope `method uri` lets through: `none` when a call without
    /// a key is not refused with 401, else the first key not refused with 403.
    static func enforcedScope(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, search: String,
        write: String
    ) async throws -> Needed {
        let anonymous = try await client.execute(uri: uri, method: method)
        guard anonymous.status == .unauthorized else { return .none }
        #expect(anonymous.errorCode == "unauthenticated", "\(method) \(uri)")
        for (key, scope) in [(search, Needed.search), (write, .write)] {
            let response = try await client.execute(
                uri: uri, method: method, headers: [.authorization: "Bearer \(key)"])
            #expect(response.status != .unauthorized, "\(method) \(uri) refused a valid key")
            if response.status != .forbidden { return scope }
        }
        return .admin
    }
}
