import Hummingbird

/// `GET /openapi.json` (the OpenAPI 3.1 document) and `GET /docs` (the same
/// reference as an HTML page). Both are rendered once and served as is.
struct OpenAPIController<Context: RequestContext> {
    func addRoutes(to router: Router<Context>) {
        router.get("/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.json)))
        }
        router.get("/docs") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: DocsPage.html)))
        }
    }
}
