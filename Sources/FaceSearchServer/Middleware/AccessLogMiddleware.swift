import FaceVision
import Hummingbird
import Logging

/// One structured log line per answered request (`request` at info level:
/// method, path, status, milliseconds, and Hummingbird's request id in
/// `hb.request.id`), and the same id in the `X-Request-Id` response header so
/// a client can quote it. The query string is left out: it may carry metadata.
struct AccessLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        var status = "error"
        defer { AccessLog.record(request, status: status, since: started, logger: context.logger) }
        var response = try await next(request, context)
        status = "\(response.status.code)"
        response.headers[.init("X-Request-Id")!] = context.id
        return response
    }
}

/// The access log's line, for every place that answers a request.
enum AccessLog {
    /// Logs `request` answered with `status`, `started` being when it arrived.
    static func record(
        _ request: Request, status: String, since started: ContinuousClock.Instant, logger: Logger
    ) {
        let milliseconds = (ContinuousClock.now - started).seconds * 1000
        logger.info(
            "request",
            metadata: [
                "http.method": "\(request.method.rawValue)", "http.path": "\(request.uri.path)",
                "http.status": "\(status)", "duration_ms": "\((milliseconds * 10).rounded() / 10)",
            ])
    }
}
