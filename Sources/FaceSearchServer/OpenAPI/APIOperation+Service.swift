/// Probes, metrics, stored images and the WebSocket stream.
extension APIOperation {
    static let service: [APIOperation] = [
        APIOperation(
            method: "GET", path: "/health", tag: "Service", summary: "Liveness probe",
            description: "Answers while the process runs.", replies: [.json("200", "Alive.", "Health")]),
        APIOperation(
            method: "GET", path: "/ready", tag: "Service", summary: "Readiness probe",
            description: "The engine opens before the server listens, so a server that answers is ready.",
            replies: [.json("200", "Ready.", "Readiness"), .unavailable]),
        APIOperation(
            method: "GET", path: "/metrics", tag: "Service", summary: "Prometheus metrics",
            description: "Prometheus text exposition (version 0.0.4): requests, latency, pipeline stages, "
                + "inference queue and index sizes. Open like the probes, unless the server runs with "
                + "`metrics_require_key`: then it needs a key of any scope (401 without one).",
            replies: [
                Reply(
                    status: "200", description: "The metrics.", contentType: "text/plain",
                    schema: ["type": "string"]),
                .unavailable,
            ]),
        APIOperation(
            method: "GET", path: "/v1/stats", tag: "Service", summary: "Service statistics",
            description: "The facts of /metrics as JSON.",
            replies: [.json("200", "The statistics.", "Stats"), .unavailable]),
        APIOperation(
            method: "GET", path: "/v1/images/{id}", tag: "Images", summary: "Read a stored photo",
            description: "The stored original, byte for byte, with its content type; it never changes.",
            parameters: [
                APIOperation.Parameter(
                    name: "id", location: .path, description: "The image id.", schema: OpenAPISchemas.id,
                    required: true)
            ],
            replies: [
                Reply(
                    status: "200", description: "The photo.", contentType: "image/*",
                    schema: ["type": "string", "format": "binary"],
                    headers: ["Cache-Control": "private, max-age=31536000, immutable"]),
                .error("400", "invalid_argument: the id is not an integer"), .error("404", "image_not_found"),
            ]),
        APIOperation(
            method: "GET", path: "/v1/faces/{id}/thumbnail", tag: "Images", summary: "Read a face thumbnail",
            description:
                "A 160x160 JPEG of a stored face with a margin around it, cut from its stored photo; "
                + "it never changes.",
            parameters: [.faceID],
            replies: [
                Reply(
                    status: "200", description: "The thumbnail.", contentType: "image/jpeg",
                    schema: ["type": "string", "format": "binary"],
                    headers: ["Cache-Control": "private, max-age=31536000, immutable"]),
                .error("400", "invalid_argument: the id is not an integer"), .error("404", "face_not_found"),
                .overloaded, .unavailable,
            ]),
        APIOperation(
            method: "GET", path: "/v1/stream", tag: "Stream", summary: "Live search over a WebSocket",
            description: "Upgrade to a WebSocket (optionally `?collection=NAME`), then send frames as binary "
                + "messages and settings as JSON text messages; the protocol is described in docs/API.md, "
                + "section WebSocket. A plain HTTP GET answers 426.",
            parameters: [
                APIOperation.Parameter(
                    name: "collection", location: .query, description: "The collection to search.",
                    schema: ["type": "string"])
            ],
            replies: [
                Reply(
                    status: "101", description: "Switching Protocols: the WebSocket is open.",
                    contentType: nil),
                .error("426", "upgrade_required: the request was not a WebSocket upgrade"),
            ]),
    ]

    /// The two routes that serve this reference.
    static let reference: [APIOperation] = [
        APIOperation(
            method: "GET", path: "/openapi.json", tag: "Service", summary: "This OpenAPI document",
            description: "The OpenAPI 3.1 description of the HTTP API.",
            replies: [Reply(status: "200", description: "The document.", schema: ["type": "object"])]),
        APIOperation(
            method: "GET", path: "/docs", tag: "Service", summary: "The API reference as HTML",
            description: "A page rendered from the same operations as /openapi.json.",
            replies: [
                Reply(
                    status: "200", description: "The page.", contentType: "text/html",
                    schema: ["type": "string"])
            ]),
    ]

    /// Every operation, in the order of the `/docs` page.
    static let all = service + reference + collections + faces + search + map + web
}
