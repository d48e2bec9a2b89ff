import Dispatch

extension DispatchQueue {
    /// Runs a blocking or CPU-heavy synchronous `body` on this queue and
    /// returns its result to the awaiting task, which gives up its
    /// cooperative thread meanwhile. SQLite, file syncs and index scans go
    /// through here so they never hold one of the few threads that serve
    /// requests.
    public func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            self.async { continuation.resume(with: Result { try body() }) }
        }
    }
}
