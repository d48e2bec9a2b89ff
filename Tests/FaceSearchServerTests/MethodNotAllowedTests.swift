import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A routed path asked with a method it does not answer is a 405 naming the
/// methods it does answer; a path nobody routes stays a 404.
@Suite struct MethodNotAllowedTests {
    /// A concrete path for a route's template: `{name}` becomes `people`, ids `1`.
    static func concrete(_ template: String) -> String {
        template.replacingOccurrences(of: "{name}", with: "people")
            .replacingOccurrences(of: "{id}", with: "1")
            .replacingOccurrences(of: "{file}", with: "app.js")
    }

    @Test func everyRoutedPathAnswers405WithItsMethodsInAllow() async throws {
        var methods: [String: Set<String>] = [:]
        for route in try await OpenAPIRoutesTests.registeredRoutes() {
            let parts = route.split(separator: " ", maxSplits: 1)
            methods[String(parts[1]), default: []].insert(String(parts[0]))
            if parts[0] == "GET" { methods[String(parts[1]), default: []].insert("HEAD") }
        }
        #expect(methods.count >= 20)
        try await ServerFixtures.withApp { [methods] client in
            for (path, allowed) in methods.sorted(by: { $0.key < $1.key }) {
                let other = try #require(["PUT", "PATCH", "DELETE", "POST"].first { !allowed.contains($0) })
                let response = try await client.execute(
                    uri: Self.concrete(path), method: try #require(HTTPRequest.Method(other)))
                #expect(response.status == .methodNotAllowed, "\(other) \(path): \(response.status)")
                #expect(response.errorCode == "method_not_allowed", "\(other) \(path)")
                #expect(
                    response.headers[.allow] == allowed.sorted().joined(separator: ", "),
                    "\(other) \(path): Allow \(response.headers[.allow] ?? "missing")")
            }
        }
    }

    @Test func theMessageNamesTheMethodsAndUnknownPathsStay404() async throws {
        try await ServerFixtures.withApp { client in
            let put = try await client.execute(uri: "/v1/collections", method: .put)
            #expect(put.status == .methodNotAllowed)
            #expect(put.headers[.allow] == "GET, HEAD, POST")
            let message = (put.json["error"] as? [String: Any])?["message"] as? String
            #expect(message == "PUT is not allowed on /v1/collections; use GET, HEAD, POST")
            for (path, method) in [
                ("/v1/nothing-here", HTTPRequest.Method.put), ("/v1/collections/people/faces/1/x", .get),
                ("/health/extra", .post),
            ] {
                let response = try await client.execute(uri: path, method: method)
                #expect(response.status == .notFound, "\(method) \(path)")
                #expect(response.errorCode == "not_found", "\(method) \(path)")
                #expect(response.headers[.allow] == nil, "\(method) \(path)")
            }
        }
    }

    @Test func headAnswersEveryGetRouteWithItsHeadersOnly() async throws {
        try await ServerFixtures.withApp { client in
            try await client.createCollection("people")
            for path in ["/health", "/ready", "/v1/collections", "/v1/collections/people", "/openapi.json"] {
                let get = try await client.execute(uri: path, method: .get)
                let head = try await client.execute(uri: path, method: .head)
                #expect(head.status == get.status, "HEAD \(path): \(head.status)")
                #expect(head.body.readableBytes == 0, "HEAD \(path) has no body")
                #expect(head.headers[.contentType] == get.headers[.contentType], "HEAD \(path)")
            }
            let missing = try await client.execute(uri: "/v1/collections/nobody", method: .head)
            #expect(missing.status == .notFound)
        }
    }

    @Test func withoutAKeyTheAnswerIsStill401() async throws {
        try await ServerFixtures.withApp(configuration: ServerConfiguration()) { client in
            let response = try await client.execute(uri: "/v1/collections", method: .put)
            #expect(response.status == .unauthorized)
        }
    }
}
