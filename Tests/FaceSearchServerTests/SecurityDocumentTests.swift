import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Auth in the OpenAPI document, and CORS")
struct SecurityDocumentTests {
    @Test func everyOperationStatesItsScopeAndTheProbesNeedNone() async throws {
        try await ServerFixtures.withApp { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get).json
            let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
            #expect(Set(schemes?.keys.map { $0 } ?? []) == ["bearer", "apiKey"])
            let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let responses = operation["responses"] as? [String: Any] ?? [:]
                    if let scope = operation["x-scope"] as? String {
                        #expect(["search", "write", "admin"].contains(scope))
                        #expect(responses["401"] != nil && responses["403"] != nil, "\(method) \(path)")
                        #expect(operation["security"] == nil, "\(method) \(path)")
                    } else {
                        #expect((operation["security"] as? [Any])?.isEmpty == true, "\(method) \(path)")
                    }
                }
            }
            #expect(paths["/health"]?["get"]?["x-scope"] == nil)
            #expect(paths["/v1/collections"]?["post"]?["x-scope"] as? String == "admin")
            #expect(paths["/v1/collections/{name}/faces"]?["post"]?["x-scope"] as? String == "write")
        }
    }

    @Test func corsIsOffByDefault() async throws {
        try await ServerFixtures.withApp { client in
            let response = try await client.execute(
                uri: "/v1/collections", method: .get, headers: [.origin: "https://app.example"])
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func aConfiguredOriginGetsPreflightsAndHeadersEvenOnErrors() async throws {
        let configuration = ServerConfiguration(
            authentication: .required, corsOrigins: ["https://app.example"])
        try await ServerFixtures.withApp(configuration: configuration) { client, _ in
            let preflight = try await client.execute(
                uri: "/v1/collections", method: .options,
                headers: [
                    .origin: "https://app.example", .accessControlRequestMethod: "GET",
                    .accessControlRequestHeaders: "authorization",
                ])
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://app.example")
            #expect(preflight.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            let refused = try await client.execute(
                uri: "/v1/collections", method: .get, headers: [.origin: "https://app.example"])
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.accessControlAllowOrigin] == "https://app.example")
            let stranger = try await client.execute(
                uri: "/v1/collections", method: .options,
                headers: [.origin: "https://evil.example", .accessControlRequestMethod: "GET"])
            #expect(stranger.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
