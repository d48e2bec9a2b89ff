import FaceStore
import Foundation
import Hummingbird

/// One file of the web page. The files are real files in `Web/Assets/`,
/// compiled into the binary by SwiftPM (`resources: [.embedInCode(...)]`,
/// which makes ``PackageResources``), so the executable serves the page
/// alone, with no files beside it.
struct WebAsset: Sendable {
    let contentType: String
    let body: [UInt8]
    /// A strong validator: a SHA-256 prefix of the body, equal in every run of one build.
    let etag: EntityTag

    init(_ contentType: String, _ body: [UInt8]) {
        self.contentType = contentType
        self.body = body
        etag = EntityTag(opaque: String(FaceStore.sha256(body).prefix(32)))
    }

    private static let script = "text/javascript; charset=utf-8"

    /// The page itself, at `/`, telling its scripts whether to ask for a key
    /// (so the page never has to provoke a 401 to find out).
    static func page(keyRequired: Bool) -> WebAsset {
        let html = String(decoding: PackageResources.index_html, as: UTF8.self)
        return WebAsset(
            "text/html; charset=utf-8",
            Array(html.replacingOccurrences(of: "{{AUTH}}", with: keyRequired ? "required" : "disabled").utf8)
        )
    }

    /// The files under `/web/`, by name.
    static let files: [String: WebAsset] = [
        "app.css": WebAsset("text/css; charset=utf-8", PackageResources.app_css),
        "app.js": WebAsset(script, PackageResources.app_js),
        "api.js": WebAsset(script, PackageResources.api_js),
        "ui.js": WebAsset(script, PackageResources.ui_js),
        "search.js": WebAsset(script, PackageResources.search_js),
        "live.js": WebAsset(script, PackageResources.live_js),
        "gallery.js": WebAsset(script, PackageResources.gallery_js),
        "map.js": WebAsset(script, PackageResources.map_js),
        "icon.svg": WebAsset("image/svg+xml", PackageResources.icon_svg),
    ]

    /// Only this origin's scripts and styles; photos as blob URLs and the camera
    /// as a media stream; no frames, plugins or foreign form targets.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
        + "media-src 'self' blob: mediastream:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        + "form-action 'self'; frame-ancestors 'none'"

    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: contentSecurityPolicy,
        .xContentTypeOptions: "nosniff",
        .init("Referrer-Policy")!: "no-referrer",
    ]
}
