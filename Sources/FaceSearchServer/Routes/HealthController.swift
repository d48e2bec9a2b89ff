import FaceSearch
import Hummingbird

/// Liveness and readiness probes, outside `/v1` as orchestrators expect.
struct HealthController<Context: AccessRequestContext> {
    let engine: FaceSearchEngine

    struct Health: ResponseEncodable {
        let status: String
    }

    struct Readiness: ResponseEncodable {
        let status: String
        let collections: Int
        let faces: Int
        let workers: Int
        let queueDepth: Int

        enum CodingKeys: String, CodingKey {
            case status, collections, faces, workers
            case queueDepth = "queue_depth"
        }
    }

    /// Mounts both probes; they need no key.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        routes.get("/health", access: .open) { _, _ in Health(status: "ok") }
        routes.get("/ready", access: .open, use: ready)
    }

    /// The engine is open before the server starts, so ready means
    /// "answering", unless the vector store (Milvus) is not: then 503 with
    /// code `vector_store_unavailable` and the reason.
    @Sendable func ready(_ request: Request, context: Context) async throws -> Readiness {
        if let problem = await engine.vectorStoreProblem() {
            throw APIError(
                .serviceUnavailable, code: "vector_store_unavailable", message: "not ready: \(problem)")
        }
        let collections = try await engine.collections()
        return Readiness(
            status: "ready", collections: collections.count, faces: collections.reduce(0) { $0 + $1.faces },
            workers: engine.pipeline.workerCount, queueDepth: engine.pipeline.queueDepth)
    }
}
