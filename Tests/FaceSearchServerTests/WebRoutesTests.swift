import FaceSearch
import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The web page and its files: public, typed, cacheable, locked down by CSP.
@Suite struct WebRoutesTests {
    static let required = ServerConfiguration(authentication: .required)

    @Test func thePageIsPublicAndSaysAKeyIsNeeded() async throws {
        try await ServerFixtures.withApp(configuration: Self.required) { client, _ in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self';") == true)
            #expect(page.headers[.cacheControl] == "no-cache")
            let html = String(buffer: page.body)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(html.contains(#"<meta name="facesearch-auth" content="required">"#))
            #expect(!html.contains("http://") && !html.contains("https://"), "nothing from the internet")
            let script = try await client.execute(uri: "/web/app.js", method: .get)
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            let api = try await client.execute(uri: "/v1/collections", method: .get)
            #expect(api.status == .unauthorized, "the API still needs the key")
        }
    }

    @Test func everyFileIsServedWithItsTypeAndRevalidatedByETag() async throws {
        try await ServerFixtures.withApp { client in
            let types = [
                "app.css": "text/css", "app.js": "text/javascript", "api.js": "text/javascript",
                "ui.js": "text/javascript", "search.js": "text/javascript", "live.js": "text/javascript",
                "gallery.js": "text/javascript", "map.js": "text/javascript", "icon.svg": "image/svg+xml",
            ]
            for (file, type) in types {
                let response = try await client.execute(uri: "/web/\(file)", method: .get)
                #expect(response.status == .ok, "\(file)")
                #expect(response.headers[.contentType]?.hasPrefix(type) == true, "\(file)")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                let etag = try #require(response.headers[.eTag])
                let again = try await client.execute(
                    uri: "/web/\(file)", method: .get, headers: [.ifNoneMatch: etag])
                #expect(again.status == .notModified, "\(file)")
                #expect(again.body.readableBytes == 0)
            }
            let page = try await client.execute(uri: "/", method: .get)
            #expect(String(buffer: page.body).contains(#"content="disabled""#))
        }
    }

    @Test func unknownFilesAreNotFound() async throws {
        try await ServerFixtures.withApp { client in
            let missing = try await client.execute(uri: "/web/nothing.js", method: .get)
            #expect(missing.status == .notFound && missing.errorCode == "not_found")
            let odd = try await client.execute(uri: "/web/a%20b.js", method: .get)
            #expect(odd.status == .badRequest)
        }
    }
}
