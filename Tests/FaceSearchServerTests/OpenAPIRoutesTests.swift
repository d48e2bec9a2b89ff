import FaceSearch
import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `/openapi.json` and `/docs` describe every route the router registers.
@Suite struct OpenAPIRoutesTests {
    /// The `METHOD /path` of every route, straight from Hummingbird's router,
    /// with the two documentation routes themselves.
    static func registeredRoutes() async throws -> Set<String> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facesearch-openapi-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let engine = try await FaceSearchEngine.open(
            dataFolder: folder.path, pipeline: try ServerFixtures.pipeline(),
            logger: Logger(label: "facesearch.openapi.tests"))
        let router = buildRouter(engine: engine, configuration: ServerConfiguration())
        return Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" })
    }

    /// The `METHOD /path` of every operation in a document.
    static func documentedRoutes(_ document: [String: Any]) -> Set<String> {
        let paths = document["paths"] as? [String: [String: Any]] ?? [:]
        return Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
    }

    @Test func theDocumentIsOpenAPI31AndCoversEveryRegisteredRoute() async throws {
        let registered = try await Self.registeredRoutes()
        try await ServerFixtures.withApp { client in
            let response = try await client.execute(uri: "/openapi.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            let document = response.json
            #expect(document["openapi"] as? String == "3.1.0")
            let documented = Self.documentedRoutes(document)
            #expect(
                registered.subtracting(documented).isEmpty,
                "undocumented: \(registered.subtracting(documented))")
            #expect(
                documented.subtracting(registered).isEmpty,
                "not routed: \(documented.subtracting(registered))")
            #expect(registered.contains("POST /v1/collections/{name}/search"))
        }
    }

    @Test func everyOperationListsTheErrorsItCanReturn() async throws {
        try await ServerFixtures.withApp { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get).json
            let paths = document["paths"] as? [String: [String: [String: Any]]] ?? [:]
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let statuses = Set((operation["responses"] as? [String: Any] ?? [:]).keys)
                    let route = "\(method.uppercased()) \(path)"
                    if path.contains("{") { #expect(statuses.isSuperset(of: ["400", "404"]), "\(route)") }
                    // Photo bodies can be refused by size, type, content and load; JSON bodies by the first two.
                    let jsonBodies: Set = [
                        "/v1/collections", "/v1/collections/{name}", "/v1/collections/{name}/reembed",
                    ]
                    if operation["requestBody"] != nil {
                        let expected: Set =
                            jsonBodies.contains(path)
                            ? ["400", "413", "415"] : ["400", "413", "415", "422", "429"]
                        #expect(statuses.isSuperset(of: expected), "\(route)")
                    }
                    for status in statuses where status.hasPrefix("4") || status.hasPrefix("5") {
                        let reply = (operation["responses"] as? [String: [String: Any]])?[status]
                        let content = reply?["content"] as? [String: [String: [String: String]]]
                        #expect(
                            content?["application/json"]?["schema"]?["$ref"] == "#/components/schemas/Error")
                    }
                }
            }
            let search = paths["/v1/collections/{name}/search"]?["post"]
            let tooMany = (search?["responses"] as? [String: [String: Any]])?["429"]
            #expect((tooMany?["headers"] as? [String: Any])?["Retry-After"] != nil)
        }
    }

    @Test func theDocsPageIsHTMLListingEveryPath() async throws {
        try await ServerFixtures.withApp { client in
            let document = try await client.execute(uri: "/openapi.json", method: .get).json
            let response = try await client.execute(uri: "/docs", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            let html = String(buffer: response.body)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
            for path in (document["paths"] as? [String: Any] ?? [:]).keys {
                #expect(
                    html.contains("<code>GET \(path)</code>") || html.contains(" \(path)</code>"), "\(path)")
            }
        }
    }
}
