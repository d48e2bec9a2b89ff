import FaceStore
import Foundation
import Hummingbird

/// The OpenAPI 3.1 document of the HTTP API, built from ``APIOperation/all``
/// and the schemas of ``OpenAPISchemas``.
enum OpenAPIDocument {
    static let tags: [(name: String, description: String)] = [
        ("Service", "Probes, metrics and statistics."),
        ("Collections", "Named sets of faces with one distance metric."),
        ("Faces", "Index photos and browse, read and delete stored faces."),
        ("Search", "Search, detect and compare photos."),
        ("Images", "The stored original photos."),
        ("Stream", "Live search over a WebSocket."),
    ]

    /// The document as a JSON value, with the access each route declared in
    /// `scopes`; an operation no route declared is stated as admin-only.
    static func value(operations: [APIOperation] = APIOperation.all, scopes: RouteScopes) -> OpenAPIValue {
        var paths: [String: [String: OpenAPIValue]] = [:]
        for operation in operations {
            let access =
                scopes.access(method: HTTPRequest.Method(operation.method) ?? .get, path: operation.path)
                ?? .key(.admin)
            paths[operation.path, default: [:]][operation.method.lowercased()] = value(
                of: operation, scope: access.scope)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "facesearch", "version": "1",
                "description": .string(
                    "Self-hosted face similarity search. Every error is `{\"error\": {\"code\", \"message\"}}`; "
                        + "server faults (500) say only `internal error (code)`. The reference is docs/API.md."
                ),
            ],
            "tags": .array(tags.map { ["name": .string($0.name), "description": .string($0.description)] }),
            "paths": .object(paths.mapValues(OpenAPIValue.object)),
            "components": ["schemas": .object(OpenAPISchemas.all), "securitySchemes": securitySchemes],
            "security": [["bearer": []], ["apiKey": []]],
        ]
    }

    /// The document as JSON text.
    static func json(scopes: RouteScopes) -> Data {
        (try? JSONCoding.compact.encode(value(scopes: scopes))) ?? Data("{}".utf8)
    }

    /// An API key as a bearer token or in `X-API-Key`; see docs/API.md, "Authentication".
    private static let securitySchemes: OpenAPIValue = [
        "bearer": [
            "type": "http", "scheme": "bearer",
            "description": "`Authorization: Bearer fsk_...`, a key made with `facesearch keys create`.",
        ],
        "apiKey": ["type": "apiKey", "in": "header", "name": "X-API-Key"],
    ]

    /// One operation; `scope` comes from the routes' own declarations, which
    /// the server enforces, so the two cannot disagree.
    private static func value(of operation: APIOperation, scope: APIKeyScope?) -> OpenAPIValue {
        var replies = operation.replies
        if let scope {
            replies += [
                .error("401", "unauthenticated: no API key, or an unknown or revoked one"),
                .error(
                    "403",
                    "forbidden: the key's scope is below \(scope.rawValue), or it may not use the collection"),
            ]
        }
        var result: [String: OpenAPIValue] = [
            "operationId": .string(operation.operationID), "tags": [.string(operation.tag)],
            "summary": .string(operation.summary),
            "description": .string(
                operation.description + (scope.map { " Needs a key of scope `\($0.rawValue)`." } ?? "")),
            "responses": .object(
                Dictionary(
                    replies.map { ($0.status, value(of: $0)) }, uniquingKeysWith: { first, _ in first })),
        ]
        if let scope { result["x-scope"] = .string(scope.rawValue) } else { result["security"] = [] }
        if !operation.parameters.isEmpty {
            result["parameters"] = .array(operation.parameters.map(value(of:)))
        }
        if let body = operation.body {
            result["requestBody"] = [
                "description": .string(body.description), "required": .bool(body.required),
                "content": .object(
                    Dictionary(uniqueKeysWithValues: body.content.map { ($0.type, ["schema": $0.schema]) })),
            ]
        }
        return .object(result)
    }

    private static func value(of parameter: APIOperation.Parameter) -> OpenAPIValue {
        var result: [String: OpenAPIValue] = [
            "name": .string(parameter.name), "in": .string(parameter.location.rawValue),
            "description": .string(parameter.description), "required": .bool(parameter.required),
            "schema": parameter.repeated ? .array(of: parameter.schema) : parameter.schema,
        ]
        if parameter.repeated { result["explode"] = true }
        return .object(result)
    }

    private static func value(of reply: APIOperation.Reply) -> OpenAPIValue {
        var result: [String: OpenAPIValue] = ["description": .string(reply.description)]
        if let type = reply.contentType, let schema = reply.schema {
            result["content"] = [type: ["schema": schema]]
        }
        if !reply.headers.isEmpty {
            result["headers"] = .object(
                reply.headers.mapValues { ["description": .string($0), "schema": ["type": "string"]] })
        }
        return .object(result)
    }
}
