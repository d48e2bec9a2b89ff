import Hummingbird

/// The web page: `GET /` (the page) and `GET /web/{file}` (its style sheet
/// and scripts), the files of `Web/Assets/` compiled into the binary
/// (``WebAsset``), so the executable serves it alone, with no internet. Public: the page asks for the
/// API key itself and sends it only in request headers.
struct WebController<Context: AccessRequestContext> {
    let authentication: ServerConfiguration.Authentication

    /// Mounts the page and its files; they need no key.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        let page = WebAsset.page(keyRequired: authentication == .required)
        routes.get("/", access: .open) { request, _ in Self.response(page, for: request) }
        routes.get("/web/:file", access: .open) { request, context in
            let file = try context.parameters.require("file")
            guard !file.isEmpty, file.allSatisfy(Self.isNameCharacter) else {
                throw APIError.invalidArgument("a web asset name has only letters, digits, - _ and .")
            }
            guard let asset = WebAsset.files[file] else {
                throw APIError(.notFound, code: "not_found", message: "the page has no file named \(file)")
            }
            return Self.response(asset, for: request)
        }
    }

    /// The asset, or 304 when the browser's copy is current. `no-cache` makes
    /// browsers revalidate each time, so a new binary's page is never mixed
    /// with an old binary's scripts; the ETag keeps revalidation cheap.
    static func response(_ asset: WebAsset, for request: Request) -> Response {
        var headers = WebAsset.securityHeaders
        headers[.eTag] = asset.etag.header
        headers[.cacheControl] = "no-cache"
        if asset.etag.isNamed(byIfNoneMatch: request.headers[values: .ifNoneMatch]) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(
            status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.body)))
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "-_.".contains(character))
    }
}
