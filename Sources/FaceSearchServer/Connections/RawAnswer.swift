import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// An answer written straight to the socket, past the HTTP encoder, then the
/// connection closed: for what never became a request Hummingbird's router
/// answers (a head NIO's HTTP/1 decoder cannot parse, a `CONNECT`, a
/// WebSocket handshake without a usable version or key) and for refused
/// WebSocket upgrades, whose router answer NIO's upgrade would drop. Each
/// has a status, a stable code and a message, like every other error
/// (docs/API.md, "Malformed requests").
struct RawAnswer: Error, Equatable {
    /// The HTTP status of the answer.
    let status: HTTPResponseStatus
    /// The stable error code of the JSON body.
    let code: String
    /// An explanation for people.
    let message: String
    /// Extra headers (a 426 names the WebSocket version it speaks).
    var headers: [(String, String)] = []

    static func == (lhs: RawAnswer, rhs: RawAnswer) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code && lhs.message == rhs.message
    }

    /// The answer to a decoder error, or nil for errors that are not the client's request.
    init?(parsing error: any Error) {
        guard let error = error as? HTTPParserError else { return nil }
        switch error {
        case .headerOverflow:
            self.init(
                status: .requestHeaderFieldsTooLarge, code: "request_header_fields_too_large",
                message: "the request line and headers together exceed 80 KiB")
        default:
            self.init(
                status: .badRequest, code: "malformed_request",
                message: "the request is not valid HTTP/1.1: \(Self.reason(error))")
        }
    }

    init(status: HTTPResponseStatus, code: String, message: String, headers: [(String, String)] = []) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
    }

    /// HTTP/0.9 (a request line without a version) has no headers, so no key.
    static let http09 = RawAnswer(
        status: .httpVersionNotSupported, code: "http_version_not_supported",
        message: "HTTP/0.9 is not supported: send HTTP/1.1")

    /// `CONNECT` (a proxy tunnel) is no method of this API.
    static let connect = RawAnswer(
        status: .methodNotAllowed, code: "method_not_allowed",
        message: "CONNECT is not supported: this is not a proxy")

    /// A WebSocket handshake asking for a version other than 13 (RFC 6455 §4.4).
    static func webSocketVersion(_ version: String?) -> RawAnswer {
        RawAnswer(
            status: .upgradeRequired, code: "unsupported_websocket_version",
            message:
                "WebSocket version \(version ?? "(none)") is not supported: send Sec-WebSocket-Version: 13",
            headers: [("Sec-WebSocket-Version", "13"), ("Upgrade", "websocket")])
    }

    /// A WebSocket handshake without a valid `Sec-WebSocket-Key`.
    static let webSocketKey = RawAnswer(
        status: .badRequest, code: "malformed_request",
        message: "a WebSocket handshake needs a Sec-WebSocket-Key of 16 bytes in base64")

    /// Logs the answer like any other (`request`, with its status and code)
    /// and writes it; `method` and `path` are what is known of the request.
    func send(on channel: any Channel, method: String, path: String, logger: Logger) {
        let requestID = String(UInt64.random(in: .min ... .max), radix: 16)
        logger.info(
            "request",
            metadata: [
                "http.method": "\(method.prefix(32))",
                "http.path": "\(path.prefix(while: { $0 != "?" }).prefix(256))",
                "http.status": "\(status.code)", "error.code": "\(code)", "hb.request.id": "\(requestID)",
            ])
        write(to: channel, requestID: requestID)
    }

    /// Writes the answer at the front of `channel`'s pipeline (the
    /// ``ConnectionGuardHandler``), then closes the connection.
    func write(to channel: any Channel, requestID: String) {
        let bytes = ByteBuffer(bytes: encoded(requestID: requestID))
        channel.eventLoop.execute {
            guard
                let front = try? channel.pipeline.syncOperations.context(
                    handlerType: ConnectionGuardHandler.self)
            else {
                channel.close(promise: nil)
                return
            }
            front.writeAndFlush(NIOAny(bytes), promise: nil)
            // Half-close first: the client reads the answer to its end and
            // closes, which ends the connection as input closed. A client that
            // does not close is closed a second later.
            channel.close(mode: .output, promise: nil)
            channel.eventLoop.scheduleTask(in: .seconds(1)) { channel.close(promise: nil) }
        }
    }

    /// The whole answer as bytes, with `Connection: close`.
    func encoded(requestID: String) -> [UInt8] {
        let body = Array(#"{"error":{"code":"\#(code)","message":"\#(Self.escaped(message))"}}"#.utf8)
        var head = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        for (name, value) in [
            ("Content-Type", "application/json; charset=utf-8"), ("Content-Length", "\(body.count)"),
            ("Connection", "close"), ("X-Request-Id", requestID), ("Server", "facesearch"),
        ] + headers {
            head += "\(name): \(value)\r\n"
        }
        return Array((head + "\r\n").utf8) + body
    }

    private static func reason(_ error: HTTPParserError) -> String {
        switch error {
        case .invalidMethod: "the method is not a valid token"
        case .invalidVersion: "the version is not HTTP/1.0 or HTTP/1.1"
        case .invalidURL, .invalidPath, .invalidQueryString, .invalidFragment, .invalidHost, .invalidPort:
            "the request target is not a valid URL"
        case .invalidContentLength: "Content-Length is not one non-negative decimal number"
        case .unexpectedContentLength: "Content-Length and Transfer-Encoding: chunked together"
        case .invalidChunkSize: "a chunk size is not a hexadecimal number that fits"
        case .lfExpected, .invalidConstant, .strictModeAssertion:
            "lines must end in CRLF and follow the HTTP/1.1 grammar (no folded headers)"
        case .invalidHeaderToken, .invalidCharactersUsed: "a header name or value holds invalid characters"
        case .unknown:
            "the body's length is ambiguous (Content-Length with Transfer-Encoding, or another coding)"
        case .paused: "HTTP/2 and protocol switches by request line are not supported: speak HTTP/1.1"
        default: "\(error)"
        }
    }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
