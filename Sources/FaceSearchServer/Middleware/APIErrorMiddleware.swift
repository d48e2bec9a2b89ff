import Hummingbird
import Logging

/// Turns every error thrown below it, including Hummingbird's own 404 for an
/// unknown route, into an ``APIError`` JSON response, and logs server faults.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let apiError = APIError(error)
            if apiError.status.kind == .serverError {
                context.logger.error(
                    "request failed",
                    metadata: [
                        "error.code": "\(apiError.code)", "error": "\(String(reflecting: error))",
                        "http.path": "\(request.uri.path)",
                    ])
            }
            return try apiError.response(from: request, context: context)
        }
    }
}
