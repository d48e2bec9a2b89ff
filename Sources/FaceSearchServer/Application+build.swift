import FaceSearch
import Foundation
import Hummingbird
import Logging

/// Builds the HTTP application over an open engine: the same application the
/// `facesearch serve` command runs and the tests drive. `metrics` is what
/// `/metrics` exposes; the caller wires the pipeline's stage timings into it
/// (`engine.pipeline.observeTimings`) and bootstraps swift-metrics, if it
/// wants them.
public func buildApplication(
    engine: FaceSearchEngine, configuration: ServerConfiguration,
    stream: StreamConfiguration = StreamConfiguration(), metrics: ServiceMetrics = ServiceMetrics(),
    logger: Logger
) -> some ApplicationProtocol {
    let router = buildRouter(engine: engine, configuration: configuration, metrics: metrics)
    return Application(
        router: router,
        server: .http1WithStream(engine: engine, configuration: configuration, stream: stream),
        configuration: ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "facesearch"),
        logger: logger)
}

/// The routes: health probes at the root, the API under `/v1`, and one error
/// middleware in front of all of them (unknown routes and methods included).
public func buildRouter(
    engine: FaceSearchEngine, configuration: ServerConfiguration, metrics: ServiceMetrics = ServiceMetrics()
) -> Router<FaceSearchRequestContext> {
    // HEAD answers every GET route with its headers only (`curl -I`, uptime checkers).
    let options: RouterOptions = .autoGenerateHeadEndpoints
    let router = Router(context: FaceSearchRequestContext.self, options: options)
    // Outermost first: metrics see every answer, including the errors mapped below them.
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: RejectionMetricsMiddleware(metrics: metrics))
    router.add(middleware: AccessLogMiddleware())
    if !configuration.corsOrigins.isEmpty {
        router.add(middleware: CORSPolicyMiddleware(origins: Set(configuration.corsOrigins)))
    }
    router.add(middleware: APIErrorMiddleware())
    router.add(
        middleware: AuthenticationMiddleware(
            store: engine.store, mode: configuration.authentication,
            metricsRequireKey: configuration.metricsRequireKey))
    HealthController(engine: engine).addRoutes(to: router)
    MetricsController(engine: engine, metrics: metrics, started: Date()).addRoutes(to: router)
    OpenAPIController().addRoutes(to: router)
    router.addRoutes(
        CollectionsController(engine: engine).routes, atPath: "/v1/collections")
    router.addRoutes(
        FacesController(engine: engine, configuration: configuration).routes,
        atPath: "/v1/collections/:name/faces")
    router.addRoutes(
        SearchController(engine: engine, configuration: configuration).routes,
        atPath: "/v1/collections/:name/search")
    router.addRoutes(
        DetectController(engine: engine, configuration: configuration).routes, atPath: "/v1/detect")
    router.addRoutes(
        CompareController(engine: engine, configuration: configuration).routes, atPath: "/v1/compare")
    router.addRoutes(ImagesController(engine: engine).routes, atPath: "/v1/images")
    router.addRoutes(ThumbnailsController(engine: engine).routes, atPath: "/v1/faces")
    router.addRoutes(StreamController.upgradeRequiredRoutes(), atPath: "/v1/stream")
    router.addRoutes(MapController(engine: engine).routes, atPath: "/v1/collections/:name/map")
    WebController(authentication: configuration.authentication).addRoutes(to: router)
    // Last, so it wraps only the not-found responder: a routed path with another method is a 405.
    router.add(
        middleware: MethodNotAllowedMiddleware(
            routes: router.routes, headFromGet: options.contains(.autoGenerateHeadEndpoints)))
    return router
}
