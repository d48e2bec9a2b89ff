import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Sits right after NIO's HTTP/1 request decoder, where it sees every request
/// head and every decoder error before Hummingbird or the WebSocket upgrade
/// does, and answers what they would leave unanswered:
///
/// - A decoder error between requests (a head that is not HTTP/1.1: bad
///   request line, bad or conflicting `Content-Length`, bare LF, folded
///   headers, a head over 80 KiB) gets a 400 or 431 with a JSON body, an
///   access-log line and a closed connection. Without this the first request
///   of a connection got no answer at all and hung until the idle timeout.
///   An error inside a body is left to the handler reading the body, which
///   answers it (``APIError/init(_:)``).
/// - `CONNECT` is answered 405 and the connection closed: the decoder would
///   treat whatever follows as tunnel bytes.
/// - A WebSocket handshake on `/v1/stream` with a version other than 13, or
///   without a key, gets 426 or 400 (NIO's upgrader closed such connections
///   without a word). Elsewhere an `Upgrade` header is dropped, and the
///   request served as plain HTTP.
/// - An HTTP/1.0 request without `keep-alive` gets `Connection: close`, so
///   the connection ends after its answer as HTTP/1.0 says.
///
/// An upgrade request on `/v1/stream` removes this handler: a WebSocket
/// pipeline carries frames, not HTTP parts. If the upgrade is refused,
/// ``UpgradeAnswerMiddleware`` answers and closes the connection.
final class RequestFramingHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let logger: Logger
    /// A request head has been read and its answer is not finished.
    private var requestInFlight = false
    /// The request in flight has been read to its end.
    private var bodyComplete = false
    /// A decoder error in a pipelined request behind the one in flight, answered after it.
    private var pending: APIError?
    private var answered = false

    init(logger: Logger) {
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        guard case .head(var head) = unwrapInboundIn(data) else {
            if case .end = unwrapInboundIn(data) { bodyComplete = true }
            context.fireChannelRead(data)
            return
        }
        if head.version.major == 0 {
            answer(.http09, method: head.method.rawValue, path: head.uri, context: context)
            return
        }
        if head.method == .CONNECT {
            answer(.connect, method: "CONNECT", path: head.uri, context: context)
            return
        }
        if let refusal = Self.webSocketRefusal(head) {
            answer(refusal, method: head.method.rawValue, path: head.uri, context: context)
            return
        }
        requestInFlight = true
        bodyComplete = false
        if head.version == .http1_0 && !head.isKeepAlive {
            head.headers.replaceOrAdd(name: "connection", value: "close")
        }
        if head.headers.contains(name: "upgrade") && APIError.pathOnly(head.uri) != Self.streamPath {
            // Only the stream upgrades; elsewhere the header is ignored (RFC 9110 §7.8).
            head.headers.remove(name: "upgrade")
        }
        context.fireChannelRead(wrapInboundOut(.head(head)))
        if head.headers.contains(name: "upgrade") {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        requestInFlight = false
        context.write(data, promise: promise)
        if let pending {
            // After the answer in flight, in the same outbound buffer: order is kept.
            answer(pending, method: "-", path: "-", context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let malformed = APIError(parsing: error), !answered else {
            context.fireErrorCaught(error)
            return
        }
        if !requestInFlight {
            answer(malformed, method: "-", path: "-", context: context)
        } else if bodyComplete {
            // The next, pipelined request is malformed: answer it after this one.
            pending = malformed
        } else {
            // The error is inside this request's body: whoever reads the body answers it.
            context.fireErrorCaught(error)
        }
    }

    /// Writes `answer` straight to the socket (the decoder's state is unknown
    /// now), logs it like any answer, and closes the connection.
    private func answer(_ answer: APIError, method: String, path: String, context: ChannelHandlerContext) {
        answered = true
        answer.sendRaw(on: context.channel, method: method, uri: path, logger: logger)
    }

    /// The one path that upgrades to a WebSocket.
    static let streamPath = "/v1/stream"

    /// Why a WebSocket handshake cannot succeed, checked before NIO's upgrader
    /// (which closes the connection without a word when it refuses).
    private static func webSocketRefusal(_ head: HTTPRequestHead) -> APIError? {
        let headers = head.headers
        guard APIError.pathOnly(head.uri) == streamPath,
            headers["upgrade"].contains(where: { $0.lowercased() == "websocket" })
        else { return nil }
        let versions = headers["sec-websocket-version"]
        guard versions == ["13"] else { return .webSocketVersion(versions.first) }
        let keys = headers["sec-websocket-key"]
        guard keys.count == 1, let key = Data(base64Encoded: keys[0].trimmingCharacters(in: .whitespaces)),
            key.count == 16
        else { return .webSocketKey }
        return nil
    }
}
