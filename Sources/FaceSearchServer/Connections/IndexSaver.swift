import FaceSearch
import Logging
import ServiceLifecycle

/// Saves the changed HNSW graphs every `interval` and once more when the
/// server stops, so that a restart loads them instead of rebuilding them.
/// Put it first in the service group: services stop in reverse order, so it
/// saves after the application has finished its requests. A failed save is
/// logged and tried again at the next interval; correctness never depends on
/// it (a start repairs a loaded graph from the store).
public struct IndexSaver: Service {
    private let engine: FaceSearchEngine
    private let interval: Duration
    private let logger: Logger

    /// A saver of `engine`'s indexes every `interval`.
    public init(engine: FaceSearchEngine, interval: Duration = .seconds(300), logger: Logger) {
        self.engine = engine
        self.interval = interval
        self.logger = logger
    }

    /// Saves every `interval` until a graceful shutdown, then once more.
    public func run() async throws {
        let interval = interval
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    try await Task.sleep(for: interval)
                    await save()
                }
            }
        } catch is CancellationError {
            // The shutdown: one last save below.
        }
        await save()
    }

    /// Saves, logging a failure.
    private func save() async {
        do {
            try await engine.saveIndexes()
        } catch {
            logger.error("saving the vector indexes failed", metadata: ["error": "\(error)"])
        }
    }
}
