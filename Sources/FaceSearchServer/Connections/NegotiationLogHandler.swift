import Logging

/// The log handler `HTTP1WebSocketUpgradeChannel.handle` writes through: the
/// same as the server's, except that its one error line, "Error handling
/// upgrade result", becomes a debug line.
///
/// That line means the first request of a connection never reached the
/// router: the connection closed early, or ``RequestFramingHandler`` answered
/// a malformed request and closed it (that answer has its own access-log
/// line). Both are the client's doing, not a server error.
struct NegotiationLogHandler: LogHandler {
    var base: any LogHandler

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if event.level == .error && event.message == "Error handling upgrade result" {
            guard base.logLevel <= .debug else { return }
            event.level = .debug
        }
        base.log(event: event)
    }

    /// `logger` with its handler wrapped.
    static func wrapping(_ logger: Logger) -> Logger {
        var wrapped = logger
        wrapped.handler = NegotiationLogHandler(base: logger.handler)
        return wrapped
    }
}
