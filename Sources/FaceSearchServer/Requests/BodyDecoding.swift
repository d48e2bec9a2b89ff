import NIOPosix
import Synchronization

/// Where request bodies are parsed: NIO's thread pool (one thread per core),
/// never Swift's cooperative pool, which must stay free to answer probes and
/// small requests.
enum BodyDecoding {
    /// Bodies being parsed now; tests read it to see a parse in progress.
    static let inProgress = Atomic<Int>(0)

    /// Runs `parse` on a thread of NIO's pool and returns its result.
    static func offPool<T: Sendable>(_ parse: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive {
            inProgress.add(1, ordering: .relaxed)
            defer { inProgress.subtract(1, ordering: .relaxed) }
            return try parse()
        }
    }
}
