import HummingbirdCore
import Logging
import NIOCore

/// A server child channel with a ``ConnectionGuardHandler`` in front of the
/// pipeline `base` sets up; everything else is `base`'s.
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
        return base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
