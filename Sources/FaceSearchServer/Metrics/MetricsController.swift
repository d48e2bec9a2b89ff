import FaceSearch
import Foundation
import Hummingbird

/// `GET /metrics` (Prometheus text) and `GET /v1/stats` (the same facts as JSON).
struct MetricsController {
    let engine: FaceSearchEngine
    let metrics: ServiceMetrics
    let started: Date

    /// Mounts both routes; `/metrics` needs a search key when `metricsAccess` says so.
    func addRoutes(to routes: ScopedRoutes<FaceSearchRequestContext>, metricsAccess: RouteAccess) {
        routes.get("/metrics", access: metricsAccess) { _, _ in
            let text = try await metrics.exposition(engine: engine)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: text)))
        }
        routes.get("/v1/stats", access: .key(.search)) { _, context in
            try await Stats(engine: engine, started: started, access: context.access)
        }
    }

    /// The answer of `GET /v1/stats`.
    struct Stats: ResponseEncodable {
        let uptimeSeconds: Double
        let collections: [CollectionsController<FaceSearchRequestContext>.Summary]
        let faces: Int
        let workers: Int
        let queueDepth: Int
        let queueCapacity: Int
        let busyWorkers: Int

        /// The statistics of the collections `access` allows.
        init(engine: FaceSearchEngine, started: Date, access: CollectionAccess) async throws {
            uptimeSeconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
            let summaries = try await engine.collections().filter { access.allows($0.name) }
            collections = summaries.map(CollectionsController<FaceSearchRequestContext>.Summary.init)
            faces = summaries.reduce(0) { $0 + $1.faces }
            workers = engine.pipeline.workerCount
            queueDepth = engine.pipeline.queueDepth
            queueCapacity = engine.pipeline.queueCapacity
            busyWorkers = engine.pipeline.busyWorkers
        }

        private enum CodingKeys: String, CodingKey {
            case uptimeSeconds = "uptime_seconds"
            case collections, faces, workers
            case queueDepth = "queue_depth"
            case queueCapacity = "queue_capacity"
            case busyWorkers = "busy_workers"
        }
    }
}

/// Counts the requests answered 429 (inference queue full) in `ServiceMetrics`.
struct RejectionMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let response = try await next(request, context)
        if response.status == .tooManyRequests { metrics.recordRejection() }
        return response
    }
}
