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
    router.add(middleware: KeyIdentificationMiddleware(engine: engine, mode: configuration.authentication))
    // Every route declares who may call it where it is registered.
    let routes = ScopedRoutes(router: router)
    HealthController(engine: engine).addRoutes(to: routes)
    MetricsController(engine: engine, metrics: metrics, started: Date()).addRoutes(
        to: routes, metricsAccess: configuration.metricsRequireKey ? .key(.search) : .open)
    CollectionsController(engine: engine).addRoutes(to: routes.under("/v1/collections"))
    FacesController(engine: engine, configuration: configuration).addRoutes(
        to: routes.under("/v1/collections/:name/faces"))
    SearchController(engine: engine, configuration: configuration).addRoutes(
        to: routes.under("/v1/collections/:name/search"))
    MapController(engine: engine).addRoutes(to: routes.under("/v1/collections/:name/map"))
    DetectController(engine: engine, configuration: configuration).addRoutes(to: routes.under("/v1/detect"))
    CompareController(engine: engine, configuration: configuration).addRoutes(to: routes.under("/v1/compare"))
    ImagesController(engine: engine).addRoutes(to: routes.under("/v1/images"))
    ThumbnailsController(engine: engine).addRoutes(to: routes.under("/v1/faces"))
    StreamController.addUpgradeRequiredRoute(to: routes)
    WebController(authentication: configuration.authentication).addRoutes(to: routes)
    // Last: the API description states the access every route above declared.
    OpenAPIController().addRoutes(to: routes)
    let undeclared = routes.undeclaredRoutes()
    precondition(undeclared.isEmpty, "routes registered without a declared access: \(undeclared)")
    // The paths no route matches need a search key, so probing without one gets 401, not 404.
    router.add(middleware: ScopeMiddleware(required: .search))
    // Last, so it wraps only the not-found responder: a routed path with another method is a 405.
    router.add(
        middleware: MethodNotAllowedMiddleware(
            routes: router.routes, headFromGet: options.contains(.autoGenerateHeadEndpoints)))
    return router
}
