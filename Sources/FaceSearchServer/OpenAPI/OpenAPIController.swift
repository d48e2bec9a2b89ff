import Foundation
import Hummingbird

/// `GET /openapi.json` (the OpenAPI 3.1 document) and `GET /docs` (the same
/// reference as an HTML page). Both are rendered once, when the router is
/// built, and served as is; they need no key.
struct OpenAPIController<Context: AccessRequestContext> {
    /// Mounts both routes. Call it after every other route: the document
    /// states the access each route declared.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        let json = OpenAPIDocument.json(
            scopes: routes.scopes.declaring(.open, method: .get, paths: ["/openapi.json", "/docs"]))
        routes.get("/openapi.json", access: .open) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: json)))
        }
        routes.get("/docs", access: .open) { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: DocsPage.html)))
        }
    }
}
