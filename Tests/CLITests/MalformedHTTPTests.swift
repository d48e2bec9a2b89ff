import Foundation
import Testing

/// Requests that are not HTTP/1.1, or WebSocket handshakes the server
/// refuses, each get an answer with a status, a JSON error body, an
/// access-log line and a closed connection, through a real `facesearch
/// serve` over raw sockets (issue 12: they got no answer and hung for the
/// idle timeout, or an empty 400, and body errors counted as 500).
@Suite struct MalformedHTTPTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let status: Int
        let code: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ status: Int, _ code: String) {
            self.name = name
            self.bytes = Array(text.utf8)
            self.status = status
            self.code = code
        }
    }

    static let handshake =
        "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"

    static let cases: [Case] = [
        Case(
            "a 90 KB URL", "GET /v1/collections?x=\(String(repeating: "a", count: 90_000)) HTTP/1.1\r\n\r\n",
            431,
            "request_header_fields_too_large"),
        Case(
            "10,000 headers",
            "GET /health HTTP/1.1\r\n" + (0..<10_000).map { "X-H\($0): v\r\n" }.joined() + "\r\n",
            431, "request_header_fields_too_large"),
        Case(
            "a negative Content-Length", "POST /v1/detect HTTP/1.1\r\nContent-Length: -5\r\n\r\n", 400,
            "malformed_request"),
        Case(
            "a Content-Length of 10^20",
            "POST /v1/detect HTTP/1.1\r\nContent-Length: 100000000000000000000\r\n\r\n",
            400, "malformed_request"),
        Case(
            "two different Content-Lengths",
            "POST /v1/detect HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
            400, "malformed_request"),
        Case(
            "Content-Length with chunked",
            "POST /v1/detect HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            400,
            "malformed_request"),
        Case("a garbage request line", "\u{16}\u{3}\u{1}garbage garbage\r\n\r\n", 400, "malformed_request"),
        Case(
            "a 10 KB method", String(repeating: "G", count: 10_000) + " / HTTP/1.1\r\n\r\n", 400,
            "malformed_request"),
        Case("HTTP/0.9", "GET /health\r\n", 505, "http_version_not_supported"),
        Case("the HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400, "malformed_request"),
        Case("a folded header", "GET /health HTTP/1.1\r\nX-A: one\r\n two\r\n\r\n", 400, "malformed_request"),
        Case("bare LF line ends", "GET /health HTTP/1.1\nHost: x\n\n", 400, "malformed_request"),
        Case(
            "CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", 405,
            "method_not_allowed"),
        Case(
            "WebSocket version 8", "GET /v1/stream HTTP/1.1\r\n\(handshake)Sec-WebSocket-Version: 8\r\n\r\n",
            426,
            "unsupported_websocket_version"),
        Case(
            "WebSocket version with a tab and a quote",
            "GET /v1/stream HTTP/1.1\r\n\(handshake)Sec-WebSocket-Version: 8\t\"x\r\n\r\n", 426,
            "unsupported_websocket_version"),
        Case(
            "WebSocket without a version", "GET /v1/stream HTTP/1.1\r\n\(handshake)\r\n", 426,
            "unsupported_websocket_version"),
        Case(
            "WebSocket without a key",
            "GET /v1/stream HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n", 400, "malformed_request"),
        Case(
            "WebSocket without an API key",
            "GET /v1/stream HTTP/1.1\r\n\(handshake)Sec-WebSocket-Version: 13\r\n\r\n",
            401, "unauthenticated"),
        Case(
            "WebSocket with the key in the query string",
            "GET /v1/stream?api_key=fsk_x HTTP/1.1\r\n\(handshake)Sec-WebSocket-Version: 13\r\n\r\n", 401,
            "unauthenticated"),
        Case(
            "a pipelined request with a bad Content-Length",
            "GET /health HTTP/1.1\r\n\r\nGET /health HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400,
            "malformed_request"),
    ]

    @Test func everyCaseIsAnsweredWithItsStatusAndClosed() async throws {
        try await Self.withServer { server, _ in
            for request in Self.cases {
                let connection = try RawConnection(port: server.port, readTimeout: 10)
                try connection.send(bytes: request.bytes)
                let received = try await connection.readUntilClosed()
                let answer = try #require(
                    received.map { String(decoding: $0, as: UTF8.self) },
                    "\(request.name): no answer and no close within 10 s")
                // A pipelined case answers its first, good request first.
                let last = answer.components(separatedBy: "HTTP/1.1 ").last ?? ""
                #expect(last.hasPrefix("\(request.status) "), "\(request.name): \(answer.prefix(300))")
                #expect(
                    answer.contains(#""code":"\#(request.code)""#), "\(request.name): \(answer.prefix(600))")
                #expect(answer.contains("Content-Type: application/json"), "\(request.name)")
                let body = answer.components(separatedBy: "\r\n\r\n").last ?? ""
                #expect(
                    (try? JSONSerialization.jsonObject(with: Data(body.utf8))) != nil,
                    "\(request.name): the body is not JSON: \(body)")
                if request.status == 401 { #expect(answer.contains("WWW-Authenticate: Bearer")) }
                if request.status == 426 { #expect(answer.contains("Sec-WebSocket-Version: 13")) }
            }
            // Every answer has its access-log line, and none is a server error.
            try await ServeProcess.waitFor("an access-log line for every case") {
                server.log.components(separatedBy: " request\n").count > Self.cases.count ? true : nil
            }
            #expect(!server.log.contains(" error "), "\(server.log)")
        }
    }

    @Test func bodyErrorsAreTheClientsNotTheServers() async throws {
        try await Self.withServer(["--idle-timeout-seconds", "2"]) { server, key in
            let head =
                "POST /v1/detect HTTP/1.1\r\nAuthorization: Bearer \(key)\r\nContent-Type: image/jpeg\r\n"
            let badChunk = try RawConnection(port: server.port, readTimeout: 10)
            try badChunk.send(head + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
            let answer = try await badChunk.readResponse()
            #expect(answer.hasPrefix("HTTP/1.1 400 ") && answer.contains("malformed_request"), "\(answer)")

            // Short bodies: one client waits past the idle timeout, one leaves, one leaves mid-chunk.
            let waits = try RawConnection(port: server.port, readTimeout: 10)
            try waits.send(head + "Content-Length: 1000\r\n\r\n0123456789")
            do {
                let leaves = try RawConnection(port: server.port)
                try leaves.send(head + "Content-Length: 1000\r\n\r\n0123456789")
                let leavesMidChunk = try RawConnection(port: server.port)
                try leavesMidChunk.send(head + "Transfer-Encoding: chunked\r\n\r\n100\r\nabc")
                try await Task.sleep(for: .milliseconds(300))
            }
            _ = try await waits.readUntilClosed()
            try await ServeProcess.waitFor("three client aborts in the log") {
                server.log.components(separatedBy: "http.status=499").count == 4 ? true : nil
            }
            let metrics = try await ServeClient(port: server.port, key: key).send("GET", "/metrics")
            let text = String(decoding: metrics.body, as: UTF8.self)
            #expect(!text.contains(#"http_response_status_code="5"#), "no 5xx:\n\(text)")
            #expect(!server.log.contains("internal_error"))
        }
    }

    @Test func refusedUpgradesAndOtherRoutesGetTheRoutersAnswer() async throws {
        try await Self.withServer { server, key in
            let other = try RawConnection(port: server.port, readTimeout: 10)
            try other.send(
                "GET /v1/collections HTTP/1.1\r\nAuthorization: Bearer \(key)\r\n\(Self.handshake)"
                    + "Sec-WebSocket-Version: 13\r\n\r\n")
            let answer = try await other.readResponse()
            #expect(answer.hasPrefix("HTTP/1.1 200 ") && answer.contains(#"{"collections":[]}"#), "\(answer)")

            let accepted = try RawConnection(port: server.port, readTimeout: 10)
            try accepted.send(
                "GET /v1/stream HTTP/1.1\r\nAuthorization: Bearer \(key)\r\n\(Self.handshake)"
                    + "Sec-WebSocket-Version: 13\r\n\r\n")
            let switching = String(decoding: try await accepted.readSome() ?? [], as: UTF8.self)
            #expect(switching.hasPrefix("HTTP/1.1 101 "))
            try await ServeProcess.waitFor("the upgrade's access-log line") {
                server.log.contains("http.path=/v1/stream http.status=101") ? true : nil
            }
        }
    }

    @Test func anHTTP10RequestEndsItsConnection() async throws {
        try await Self.withServer { server, _ in
            let connection = try RawConnection(port: server.port, readTimeout: 10)
            try connection.send("GET /health HTTP/1.0\r\n\r\n")
            let answer = try #require(try await connection.readUntilClosed(), "the connection stayed open")
            #expect(String(decoding: answer, as: UTF8.self).contains(#"{"status":"ok"}"#))
        }
    }

    /// Runs `body` with a server (keys on) over a data folder of its own, and an admin key.
    static func withServer(
        _ arguments: [String] = [], _ body: (ServeProcess, String) async throws -> Void
    ) async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("facesearch-http-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let created = try await CLIRunner.run([
            "keys", "create", "--name", "t", "--scope", "admin", "--data", data,
        ])
        let key = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try await ServeProcess(data: data, arguments: arguments)
        defer { server.killIfRunning() }
        try await body(server, key)
    }
}
