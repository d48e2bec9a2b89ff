import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Errors answered straight to the socket, past the HTTP encoder, after which
/// the connection is closed: for what never became a request Hummingbird's
/// router answers (a head NIO's HTTP/1 decoder cannot parse, a `CONNECT`,
/// HTTP/0.9, a WebSocket handshake without a usable version or key) and for
/// refused WebSocket upgrades, whose router answer NIO's upgrade would drop.
/// They have the status, code, message and JSON body of every other error
/// (docs/API.md, "Malformed requests").
extension APIError {
    /// The answer to a decoder error, or nil for errors that are not the client's request.
    init?(parsing error: any Error) {
        guard let error = error as? HTTPParserError else { return nil }
        switch error {
        case .headerOverflow:
            self.init(
                .requestHeaderFieldsTooLarge, code: "request_header_fields_too_large",
                message: "the request line and headers together exceed 80 KiB")
        default:
            self.init(
                .badRequest, code: "malformed_request",
                message: "the request is not valid HTTP/1.1: \(Self.reason(error))")
        }
    }

    /// HTTP/0.9 (a request line without a version) has no headers, so no key.
    static let http09 = APIError(
        .httpVersionNotSupported, code: "http_version_not_supported",
        message: "HTTP/0.9 is not supported: send HTTP/1.1")

    /// `CONNECT` (a proxy tunnel) is no method of this API.
    static let connect = APIError(
        .methodNotAllowed, code: "method_not_allowed",
        message: "CONNECT is not supported: this is not a proxy")

    /// A WebSocket handshake asking for a version other than 13 (RFC 6455 §4.4).
    static func webSocketVersion(_ version: String?) -> APIError {
        APIError(
            .upgradeRequired, code: "unsupported_websocket_version",
            message:
                "WebSocket version \(version ?? "(none)") is not supported: send Sec-WebSocket-Version: 13",
            headers: [.secWebSocketVersion: "13", .upgrade: "websocket"])
    }

    /// A WebSocket handshake without a valid `Sec-WebSocket-Key`.
    static let webSocketKey = APIError(
        .badRequest, code: "malformed_request",
        message: "a WebSocket handshake needs a Sec-WebSocket-Key of 16 bytes in base64")

    /// Logs the answer like any other (`request`, with its status and code)
    /// and writes it raw; `method` and `uri` are what is known of the request.
    func sendRaw(on channel: any Channel, method: String, uri: String, logger: Logger) {
        let requestID = String(UInt64.random(in: .min ... .max), radix: 16)
        logger.info(
            "request",
            metadata: [
                "http.method": "\(method.prefix(32))", "http.path": "\(Self.pathOnly(uri))",
                "http.status": "\(status.code)", "error.code": "\(code)", "hb.request.id": "\(requestID)",
            ])
        writeRaw(to: channel, requestID: requestID)
    }

    /// Writes the answer at the front of `channel`'s pipeline (the
    /// ``ConnectionGuardHandler``), then closes the connection.
    func writeRaw(to channel: any Channel, requestID: String) {
        let bytes = ByteBuffer(bytes: rawHTTP(requestID: requestID))
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

    /// The whole HTTP/1.1 answer as bytes, with `Connection: close`.
    func rawHTTP(requestID: String) -> [UInt8] {
        let body = (try? body()) ?? Data()
        var head = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        head += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(body.count)\r\n"
        head += "Connection: close\r\nX-Request-Id: \(requestID)\r\nServer: facesearch\r\n"
        for field in headers { head += "\(field.name.rawName): \(field.value)\r\n" }
        return Array((head + "\r\n").utf8) + body
    }

    /// A request target without its query string (which may carry metadata),
    /// as the access log shows it.
    static func pathOnly(_ uri: String) -> Substring {
        uri.prefix(while: { $0 != "?" }).prefix(256)
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
}
