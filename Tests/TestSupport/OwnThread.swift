import Foundation

/// Runs blocking `body` (waiting for a child process, joining threads) on a
/// thread of its own and suspends until it returns.
///
/// Swift Testing runs every test on the cooperative pool, which has one
/// thread per core: a test that blocks one of them for a minute starves every
/// other test, including the ones that check the service answers while it is
/// busy. Blocking waits in tests go through here instead.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Waits for `process` to exit without holding a cooperative thread.
public func waitForExit(_ process: Process) async {
    _ = try? await onOwnThread { process.waitUntilExit() }
}
