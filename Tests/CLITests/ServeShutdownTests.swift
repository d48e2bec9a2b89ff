import Foundation
import Testing

/// No client can keep `facesearch serve` from stopping or hold a socket
/// without end: connections with no request under way are closed at SIGTERM
/// and after the idle timeout, and a request still running when the shutdown
/// grace is over has its connection closed.
@Suite struct ServeShutdownTests {
    /// Three connections with no request under way: one that sent nothing,
    /// one that sent half a request head, one whose request was answered.
    struct IdleClients {
        let silent: RawConnection
        let partial: RawConnection
        let keepAlive: RawConnection

        init(port: Int) throws {
            silent = try RawConnection(port: port)
            partial = try RawConnection(port: port)
            try partial.send("GET /health HTTP/1.1\r\nHost: facesearch\r\n")
            keepAlive = try RawConnection(port: port)
            try keepAlive.send("GET /health HTTP/1.1\r\nHost: facesearch\r\n\r\n")
        }

        /// Waits for the keep-alive connection's answer: its request is over.
        func awaitTheAnswer() async throws {
            let answer = try await keepAlive.readSome().map { String(decoding: $0, as: UTF8.self) }
            #expect(answer?.hasPrefix("HTTP/1.1 200") == true, "the keep-alive request is answered")
        }

        /// Expects the server to close all three, the first two without an answer.
        func expectClosedByTheServer() async throws {
            #expect(try await silent.readUntilClosed() == [], "a connection that sent nothing is closed")
            #expect(try await partial.readUntilClosed() == [], "a half-sent head is closed unanswered")
            #expect(
                try await keepAlive.readUntilClosed() != nil, "an answered keep-alive connection is closed")
        }
    }

    /// Runs `body` with a server started with `arguments` (and without keys)
    /// over a data folder of its own.
    static func withServer(_ arguments: [String], _ body: (ServeProcess) async throws -> Void) async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facesearch-shutdown-\(UUID())"
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let server = try await ServeProcess(data: data, arguments: ["--no-auth"] + arguments)
        defer { server.killIfRunning() }
        try await body(server)
    }

    @Test func connectionsWithNoRequestUnderWayDoNotHoldTheShutdown() async throws {
        // A grace and an idle timeout of an hour: only closing these
        // connections at SIGTERM lets the server exit within the harness's wait.
        try await Self.withServer(["--shutdown-grace-seconds", "3600", "--idle-timeout-seconds", "3600"]) {
            server in
            let clients = try IdleClients(port: server.port)
            try await clients.awaitTheAnswer()
            #expect(try await server.terminate() == 0, "serve exits with status 0:\n\(server.log)")
            try await clients.expectClosedByTheServer()
            #expect(server.log.contains("shutting down") && server.log.contains("stopped"))
        }
    }

    @Test func aRequestStillRunningWhenTheGraceIsOverHasItsConnectionClosed() async throws {
        try await Self.withServer(["--shutdown-grace-seconds", "1"]) { server in
            // A request whose body never finishes: in flight until the grace is over.
            let stalled = try RawConnection(port: server.port)
            try stalled.send(
                "POST /v1/detect HTTP/1.1\r\nHost: facesearch\r\nContent-Type: image/jpeg\r\n"
                    + "Content-Length: 100000\r\n\r\n\u{FF}\u{D8}")
            let client = ServeClient(port: server.port, key: "")
            try await ServeProcess.waitFor("the stalled request in flight") {
                try await client.requestsInFlight(method: "POST") >= 1 ? true : nil
            }
            #expect(try await server.terminate() == 0, "serve exits with status 0:\n\(server.log)")
            #expect(try await stalled.readUntilClosed() != nil, "the stalled connection was closed")
            #expect(server.log.contains("shutdown grace over"))
        }
    }

    @Test func idleConnectionsAreClosedAfterTheIdleTimeout() async throws {
        try await Self.withServer(["--idle-timeout-seconds", "1"]) { server in
            let clients = try IdleClients(port: server.port)
            try await clients.awaitTheAnswer()
            try await clients.expectClosedByTheServer()
            // The server itself goes on serving.
            #expect(try await ServeClient(port: server.port, key: "").send("GET", "/health").status == 200)
            #expect(try await server.terminate() == 0)
        }
    }
}
