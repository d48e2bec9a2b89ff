import GRPCCore
import GRPCNIOTransportHTTP2
import Logging
import Synchronization

/// One gRPC channel to a Milvus proxy (standalone or a cluster's proxy: the
/// same API), shared by every collection's `MilvusIndex`.
///
/// Every call has a deadline, and a call the transport reports `unavailable`
/// (Milvus down or restarting, a connection closed under it) is retried with
/// exponential backoff, up to five attempts in about two seconds, so an outage
/// fails fast instead of piling up requests. Every write this client makes is
/// idempotent (an upsert or a delete by id), which is what makes retrying safe.
/// The channel reconnects by itself when Milvus comes back.
public final class MilvusConnection: Sendable {
    /// Where Milvus listens.
    public let endpoint: MilvusEndpoint
    /// The deadline of an ordinary call (search, query, insert, delete).
    public let timeout: Duration
    let client: GRPCClient<HTTP2ClientTransport.Posix>
    let service: MilvusMilvusService.Client<HTTP2ClientTransport.Posix>
    private let connections: Task<Void, Never>
    private let outage = Mutex<Outage?>(nil)

    /// The deadline of a call that waits on Milvus's own work (creating or
    /// loading a collection, building its index).
    public static let slowCallTimeout = Duration.seconds(120)

    /// Opens a channel to `endpoint`. Nothing is sent until the first call;
    /// `checkHealth()` tells whether Milvus answers.
    public init(endpoint: MilvusEndpoint, timeout: Duration = .seconds(10), logger: Logger) throws {
        self.endpoint = endpoint
        self.timeout = timeout
        let retry = RetryPolicy(
            maxAttempts: 5, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1), backoffMultiplier: 2,
            retryableStatusCodes: [.unavailable])
        let every = MethodConfig(
            names: [MethodConfig.Name(service: "")], timeout: timeout, executionPolicy: .retry(retry))
        let transport = try HTTP2ClientTransport.Posix(
            target: .dns(host: endpoint.host, port: endpoint.port), transportSecurity: .plaintext,
            config: .defaults { config in
                config.backoff.initial = .milliseconds(100)
                config.backoff.max = .seconds(2)
            },
            serviceConfig: ServiceConfig(methodConfig: [every]))
        let client = GRPCClient(transport: transport)
        self.client = client
        self.service = MilvusMilvusService.Client(wrapping: client)
        self.connections = Task {
            do {
                try await client.runConnections()
            } catch {
                logger.error("milvus channel stopped", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Stops taking calls, lets those in flight finish, and closes the channel.
    public func close() async {
        client.beginGracefulShutdown()
        await connections.value
    }

    /// Options for a call with the ordinary deadline, or `timeout`.
    func options(timeout: Duration? = nil) -> CallOptions {
        var options = CallOptions.defaults
        options.timeout = timeout ?? self.timeout
        return options
    }

    /// Runs one call, turning transport failures and error statuses into `MilvusError`.
    ///
    /// After a call found Milvus unreachable, later calls fail at once for
    /// `outageRecheckInterval`, then one health check (2 s) decides whether
    /// to try again: during an outage a request costs at most that check,
    /// not a full deadline, and the first call after Milvus returns goes through.
    ///
    /// A call that fails while Milvus still answers a health check met a
    /// dropped connection, not an outage (Milvus pings so often on a busy
    /// connection that the HTTP/2 layer closes it now and then, and calls
    /// waiting for the reconnect fail): it is made once more. Every call this
    /// client makes may be repeated (reads, upserts, deletes by id).
    func call<Response: MilvusStatusReporting>(
        _ operation: String, checkingOutage: Bool = true, _ body: () async throws -> Response
    ) async throws(MilvusError) -> Response {
        if checkingOutage, let outage = await currentOutage() {
            throw MilvusError(.unreachable, operation: operation, message: outage)
        }
        var attempts = 0
        while true {
            attempts += 1
            let response: Response
            do {
                response = try await body()
            } catch {
                let failure = Self.failure(error, operation: operation)
                guard failure.kind == .unreachable, checkingOutage else { throw failure }
                // A failed health check starts the outage.
                if await answersHealthCheck(), attempts < 2 { continue }
                throw failure
            }
            outage.withLock { $0 = nil }
            if let problem = response.milvusStatus.problem {
                throw MilvusError(.refused, operation: operation, message: problem)
            }
            return response
        }
    }

    /// A failed call as `MilvusError`: refused when Milvus judged the request
    /// itself, unreachable otherwise.
    private static func failure(_ error: any Error, operation: String) -> MilvusError {
        guard let error = error as? RPCError else {
            return MilvusError(.unreachable, operation: operation, message: "\(error)")
        }
        let refused = error.code == .invalidArgument || error.code == .unimplemented
        return MilvusError(
            refused ? .refused : .unreachable, operation: operation,
            message: "\(error.code): \(error.message)")
    }

    /// How long calls fail at once after Milvus was found unreachable, before a health check.
    static let outageRecheckInterval = Duration.seconds(1)

    /// Whether Milvus answers a health check made through the retry policy,
    /// which rides out a reconnect.
    private func answersHealthCheck() async -> Bool {
        do {
            try await checkHealth(retrying: true)
            return true
        } catch {
            return false
        }
    }

    /// Starts (or renews) an outage: calls fail at once until the next health check.
    func noteOutage(_ message: String) {
        outage.withLock { $0 = Outage(message: message, checked: .now) }
    }

    /// Why calls should fail now, or nil to go ahead.
    private func currentOutage() async -> String? {
        guard let known = outage.withLock({ $0 }) else { return nil }
        if ContinuousClock.now - known.checked < Self.outageRecheckInterval { return known.message }
        outage.withLock { $0?.checked = .now }
        do {
            try await checkHealth()
            return nil
        } catch {
            return error.message
        }
    }
}

/// Milvus found unreachable: why, and when that was last checked.
struct Outage: Sendable {
    var message: String
    var checked: ContinuousClock.Instant
}
