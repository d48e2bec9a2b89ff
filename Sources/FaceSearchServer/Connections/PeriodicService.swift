import FaceSearch
import Logging
import ServiceLifecycle

/// A chore the server repeats every `interval` until a graceful shutdown,
/// and, when `finally` is set, once more after it. Put such services first in
/// the service group: services stop in reverse order, so the last run comes
/// after the application has finished its requests.
public struct PeriodicService: Service {
    private let interval: Duration
    private let finally: Bool
    private let chore: @Sendable () async -> Void

    /// A service running `chore` every `interval` (and once at shutdown if `finally`).
    public init(
        every interval: Duration, finally: Bool = false, _ chore: @escaping @Sendable () async -> Void
    ) {
        self.interval = interval
        self.finally = finally
        self.chore = chore
    }

    /// Runs the chore every `interval` until a graceful shutdown.
    public func run() async throws {
        let (interval, chore) = (interval, chore)
        try? await cancelWhenGracefulShutdown {
            while true {
                try await Task.sleep(for: interval)
                await chore()
            }
        }
        if finally { await chore() }
    }
}

extension PeriodicService {
    /// Saves the changed HNSW graphs every `interval` and once more when the
    /// server stops, so that a restart loads them instead of rebuilding them.
    /// A failed save is logged and tried again at the next interval;
    /// correctness never depends on it (a start repairs a loaded graph from the store).
    public static func indexSaver(
        engine: FaceSearchEngine, interval: Duration = .seconds(300), logger: Logger
    )
        -> PeriodicService
    {
        PeriodicService(every: interval, finally: true) {
            do {
                try await engine.saveIndexes()
            } catch {
                logger.error("saving the vector indexes failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Brings indexes back in line with the store after a write that reached
    /// only one of them (Milvus unreachable mid-write): every `interval`, when
    /// a collection awaits repair and the vector store is healthy, it
    /// reconciles them. Nothing to do in process, where index writes do not fail.
    public static func indexRepairer(
        engine: FaceSearchEngine, interval: Duration = .seconds(5), logger: Logger
    )
        -> PeriodicService
    {
        PeriodicService(every: interval) {
            guard !engine.collectionsAwaitingRepair.isEmpty else { return }
            if let problem = await engine.vectorStoreProblem() {
                logger.debug("index repair waits for the vector store", metadata: ["problem": "\(problem)"])
                return
            }
            await engine.repairIndexes()
        }
    }
}
