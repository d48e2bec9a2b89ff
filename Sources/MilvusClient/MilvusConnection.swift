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
    func call<Response: MilvusStatusReporting>(
        _ operation: String, checkingOutage: Bool = true, _ body: () async throws -> Response
    ) async throws(MilvusError) -> Response {
        if checkingOutage, let outage = await currentOutage() {
            throw MilvusError(.unreachable, operation: operation, message: outage)
        }
        let response: Response
        do {
            response = try await body()
        } catch let error as RPCError {
            let refused = error.code == .invalidArgument || error.code == .unimplemented
            if !refused && checkingOutage { await confirmOutage("\(error.code): \(error.message)") }
            throw MilvusError(
                refused ? .refused : .unreachable, operation: operation,
                message: "\(error.code): \(error.message)")
        } catch {
            if checkingOutage { await confirmOutage("\(error)") }
            throw MilvusError(.unreachable, operation: operation, message: "\(error)")
        }
        outage.withLock { $0 = nil }
        if let problem = response.milvusStatus.problem {
            throw MilvusError(.refused, operation: operation, message: problem)
        }
        return response
    }

    /// How long calls fail at once after Milvus was found unreachable, before a health check.
    static let outageRecheckInterval = Duration.seconds(1)

    /// Records an outage when a health check agrees: a call can also fail
    /// while the channel reconnects (Milvus closes busy HTTP/2 connections
    /// now and then), and that must not stop the calls that follow.
    private func confirmOutage(_ message: String) async {
        do {
            try await checkHealth()
        } catch {
            noteOutage(message)
        }
    }

    private func noteOutage(_ message: String) {
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
            noteOutage(error.message)
            return error.message
        }
    }
}

/// Milvus found unreachable: why, and when that was last checked.
struct Outage: Sendable {
    var message: String
    var checked: ContinuousClock.Instant
}
