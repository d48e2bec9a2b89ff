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

    @Test func ifNoneMatchTakesWeakListAndStarForms() async throws {
        try await ServerFixtures.withApp { client in
            let first = try await client.execute(uri: "/web/app.js", method: .get)
            let etag = try #require(first.headers[.eTag])
            #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count > 16, "a strong tag: \(etag)")
            let other = try await client.execute(uri: "/web/api.js", method: .get).headers[.eTag]
            #expect(other != etag, "each file has its own tag")
            let matching = [
                "W/\(etag)", "\"older\", \(etag)", "\"a,b\",W/\(etag)", "*", "  \(etag)  ",
            ]
            for value in matching {
                let response = try await client.execute(
                    uri: "/web/app.js", method: .get, headers: [.ifNoneMatch: value])
                #expect(response.status == .notModified, "If-None-Match: \(value)")
                #expect(response.headers[.eTag] == etag)
            }
            var repeated = HTTPFields()
            repeated.append(.init(name: .ifNoneMatch, value: "\"older\""))
            repeated.append(.init(name: .ifNoneMatch, value: etag))
            #expect(
                try await client.execute(uri: "/web/app.js", method: .get, headers: repeated).status
                    == .notModified)
            for value in ["\"older\"", "W/\"older\", \"newer\"", String(etag.dropLast()), "\(etag) junk", ""]
            {
                let response = try await client.execute(
                    uri: "/web/app.js", method: .get, headers: [.ifNoneMatch: value])
                #expect(response.status == .ok, "If-None-Match: \(value)")
                #expect(response.body.readableBytes > 0)
            }
            let page = try await client.execute(uri: "/", method: .get, headers: [.ifNoneMatch: "W/\(etag)"])
            #expect(page.status == .ok, "the page has a tag of its own")
        }
    }

    @Test func theServedFilesAreTheFilesOfWebAssets() async throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/FaceSearchServer/Web/Assets")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0 != "index.html"
        }
        #expect(names.count == 9)
        try await ServerFixtures.withApp { client in
            for name in names {
                let served = try await client.execute(uri: "/web/\(name)", method: .get)
                let file = try Data(contentsOf: folder.appendingPathComponent(name))
                #expect(Data(served.body.readableBytesView) == file, "\(name)")
            }
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
