import Foundation
import Hummingbird

/// One file of the web page, held in the binary as text.
struct WebAsset: Sendable {
    let contentType: String
    let body: String
    /// A strong validator: a hash of the body, stable across runs of one build.
    let etag: String

    init(_ contentType: String, _ body: String) {
        self.contentType = contentType
        self.body = body
        // FNV-1a, 64 bits: enough to tell versions of one file apart.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in body.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        etag = "\"" + String(hash, radix: 16) + "\""
    }

    private static let script = "text/javascript; charset=utf-8"

    /// The page itself, at `/`, telling its scripts whether to ask for a key
    /// (so the page never has to provoke a 401 to find out).
    static func page(keyRequired: Bool) -> WebAsset {
        WebAsset(
            "text/html; charset=utf-8",
            indexHTML.replacingOccurrences(of: "{{AUTH}}", with: keyRequired ? "required" : "disabled"))
    }

    /// The files under `/web/`, by name.
    static let files: [String: WebAsset] = [
        "app.css": WebAsset("text/css; charset=utf-8", appCSS),
        "app.js": WebAsset(script, appJS),
        "api.js": WebAsset(script, apiJS),
        "ui.js": WebAsset(script, uiJS),
        "search.js": WebAsset(script, searchJS),
        "live.js": WebAsset(script, liveJS),
        "gallery.js": WebAsset(script, galleryJS),
        "map.js": WebAsset(script, mapJS),
        "icon.svg": WebAsset("image/svg+xml", iconSVG),
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
