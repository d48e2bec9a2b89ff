import Logging
import ServiceLifecycle

/// A service that only logs when a graceful shutdown begins, with the grace
/// the requests in flight have. Put it after the application in the service
/// group: services stop in reverse order, so it is told first, logs, and
/// returns at once, and the application is told next.
public struct ShutdownNotice: Service {
    private let graceSeconds: Int
    private let logger: Logger

    /// A notice for a server whose requests in flight get `graceSeconds`.
    public init(graceSeconds: Int, logger: Logger) {
        self.graceSeconds = graceSeconds
        self.logger = logger
    }

    /// Waits for the shutdown signal, then logs it.
    public func run() async throws {
        try await gracefulShutdown()
        logger.info(
            "shutting down: no new connections; requests in flight may finish",
            metadata: ["grace_seconds": "\(graceSeconds)"])
    }
}
