import FaceSearch
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket

/// The per-connection limits of the live search stream at `/v1/stream`.
public struct StreamConfiguration: Sendable, Equatable {
    /// The largest frame (one binary message) accepted; a bigger one is
    /// answered with `payload_too_large` and skipped.
    public var maxFrameBytes: Int
    /// The most frames per second accepted for processing; frames beyond it
    /// are dropped and counted in the next answer's `dropped`.
    public var maxFramesPerSecond: Int

    /// The default frame limit: 2 MiB, plenty for a video frame as JPEG.
    public static let defaultMaxFrameBytes = 2 * 1024 * 1024

    /// A configuration; every parameter has a default.
    public init(maxFrameBytes: Int = defaultMaxFrameBytes, maxFramesPerSecond: Int = 15) {
        self.maxFrameBytes = maxFrameBytes
        self.maxFramesPerSecond = maxFramesPerSecond
    }

    /// WebSocket frames may be twice the message limit, so that a client
    /// sending an oversized photo in one frame (as browsers do) still gets a
    /// `payload_too_large` message rather than a close. The same size bounds
    /// the frames the server writes: every answer fits one frame, so answers
    /// written by the reader and by the processor never interleave.
    var webSocket: WebSocketServerConfiguration {
        WebSocketServerConfiguration(maxFrameSize: max(2 * maxFrameBytes, 1 << 16))
    }
}

/// Accepts at most `perSecond` frames in each one-second window.
struct StreamRateLimiter {
    let perSecond: Int
    private var windowStart = ContinuousClock.now
    private var accepted = 0

    init(perSecond: Int) {
        self.perSecond = perSecond
    }

    /// Whether one more frame may be processed now.
    mutating func accept() -> Bool {
        let now = ContinuousClock.now
        if now - windowStart >= .seconds(1) {
            windowStart = now
            accepted = 0
        }
        guard accepted < perSecond else { return false }
        accepted += 1
        return true
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with WebSocket upgrades for the live search stream at
    /// `/v1/stream`; every other request goes to the application's router.
    /// Every connection is watched by a ``ConnectionGuardHandler``: idle ones
    /// are closed after the idle timeout, and none outlives the shutdown grace.
    static func http1WithStream(
        engine: FaceSearchEngine, configuration: ServerConfiguration, stream: StreamConfiguration
    ) -> HTTPServerBuilder {
        let controller = StreamController(engine: engine, configuration: configuration, stream: stream)
        let webSocketResponder = controller.webSocketRouter().buildResponder()
        let timeouts = ConnectionTimeouts(configuration)
        let channelConfiguration = HTTP1WebSocketUpgradeChannel.Configuration(
            http1: .init(idleTimeout: timeouts.idle), ws: stream.webSocket)
        return HTTPServerBuilder { responder in
            GuardedChildChannel(
                base: HTTP1WebSocketUpgradeChannel(
                    responder: responder, webSocketResponder: webSocketResponder,
                    configuration: channelConfiguration),
                timeouts: timeouts)
        }
    }
}
