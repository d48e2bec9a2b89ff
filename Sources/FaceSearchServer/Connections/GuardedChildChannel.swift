import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// A server child channel with a ``ConnectionGuardHandler`` in front of the
/// pipeline `base` sets up and a ``RequestFramingHandler`` right behind its
/// HTTP/1 request decoder; everything else is `base`'s.
struct GuardedChildChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value

    let base: Base
    let timeouts: ConnectionTimeouts

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        // Child channel initialisers run on the channel's event loop.
        do {
            try channel.pipeline.syncOperations.addHandler(
                ConnectionGuardHandler(timeouts: timeouts, logger: logger), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        // The base pipeline is complete when its future is (it is made completed).
        return base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(RequestFramingHandler(logger: logger), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: NegotiationLogHandler.wrapping(logger))
    }
}
