import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// Sits at the front of every connection's pipeline and makes sure no
/// connection can keep the server from stopping, or hold a socket forever:
///
/// - A connection that has not sent a whole first request head within the
///   idle timeout is closed. Hummingbird's own idle timeout only starts once
///   that head has arrived, so without this a silent or trickling client
///   would hold its socket without end.
/// - A first request line without a version (HTTP/0.9) is answered 505:
///   NIO's decoder would wait for a header line that never comes.
/// - When shutdown begins (Hummingbird's quiescing), a connection still
///   waiting for its first request head is closed at once: nothing was asked
///   of it. The others are left to Hummingbird, which finishes the request in
///   flight and closes, and to the WebSocket handler, which sends a close
///   frame; whatever is still open when the shutdown grace is over is closed.
final class ConnectionGuardHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// The negotiation stage of HTTP/1.1 with WebSocket upgrades: present in
    /// the pipeline until the first request head has been read and handled.
    typealias UpgradeHandler = NIOTypedHTTPServerUpgradeHandler<HTTP1WebSocketUpgradeChannel.UpgradeResult>

    private let timeouts: ConnectionTimeouts
    private let logger: Logger
    private var firstRequestTimer: Scheduled<Void>?
    private var graceTimer: Scheduled<Void>?
    /// The connection's first bytes up to the first LF; nil once it has been seen.
    private var firstLine: [UInt8]? = []

    init(timeouts: ConnectionTimeouts, logger: Logger) {
        self.timeouts = timeouts
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { startFirstRequestTimer(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        startFirstRequestTimer(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if firstLine != nil { inspectFirstLine(unwrapInboundIn(data), context: context) }
        context.fireChannelRead(data)
    }

    /// Answers an HTTP/0.9 request line (`GET /path`: two words, no version).
    /// Everything else is left to the decoder, which answers through
    /// ``RequestFramingHandler``; past 8 KiB without a line end it stops looking.
    private func inspectFirstLine(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        let bytes = buffer.readableBytesView
        let end = bytes.firstIndex(of: UInt8(ascii: "\n"))
        firstLine?.append(contentsOf: bytes[..<(end ?? bytes.endIndex)].prefix(8192))
        guard let line = firstLine, end != nil || line.count >= 8192 else { return }
        firstLine = nil
        guard end != nil else { return }
        let words = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
            .map { $0.filter { $0 != UInt8(ascii: "\r") } }.filter { !$0.isEmpty }
        let isMethod =
            words.first?.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) } ?? false
        if words.count == 2, isMethod, words[1].first == UInt8(ascii: "/") {
            APIError.http09.sendRaw(
                on: context.channel, method: String(decoding: words[0], as: UTF8.self),
                uri: String(decoding: words[1], as: UTF8.self), logger: logger)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimers()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            if awaitsFirstRequest(context) {
                context.close(promise: nil)
                return
            }
            startGraceTimer(context)
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Whether the connection has not yet handed over a whole first request head.
    private func awaitsFirstRequest(_ context: ChannelHandlerContext) -> Bool {
        (try? context.pipeline.syncOperations.handler(type: UpgradeHandler.self)) != nil
    }

    private func startFirstRequestTimer(_ context: ChannelHandlerContext) {
        guard firstRequestTimer == nil else { return }
        firstRequestTimer = context.eventLoop.assumeIsolated().scheduleTask(in: timeouts.idle) {
            [logger] in
            guard self.awaitsFirstRequest(context) else { return }
            logger.debug("closing a connection that sent no whole request head within the idle timeout")
            context.close(promise: nil)
        }
    }

    private func startGraceTimer(_ context: ChannelHandlerContext) {
        guard graceTimer == nil else { return }
        graceTimer = context.eventLoop.assumeIsolated().scheduleTask(in: timeouts.shutdownGrace) {
            [logger, timeouts] in
            logger.warning(
                "shutdown grace over: closing a connection still busy",
                metadata: ["grace_seconds": "\(timeouts.shutdownGrace.nanoseconds / 1_000_000_000)"])
            context.close(promise: nil)
        }
    }

    private func cancelTimers() {
        firstRequestTimer?.cancel()
        graceTimer?.cancel()
        firstRequestTimer = nil
        graceTimer = nil
    }
}

/// How long a connection may stay idle, and how long requests in flight
/// may run on once shutdown has begun.
struct ConnectionTimeouts: Sendable {
    /// A connection with no request under way is closed after this long.
    let idle: TimeAmount
    /// After SIGTERM, connections still open after this long are closed.
    let shutdownGrace: TimeAmount

    init(_ configuration: ServerConfiguration) {
        idle = .seconds(Int64(configuration.idleTimeoutSeconds))
        shutdownGrace = .seconds(Int64(configuration.shutdownGraceSeconds))
    }
}
