import Hummingbird
import NIOCore

/// The outermost middleware of the WebSocket upgrade router: logs every
/// upgrade request like any other (`request`, status 101 when it upgrades),
/// and answers a refused one itself.
///
/// NIO's upgrade machinery drops the router's answer to a refused upgrade
/// and sends an empty 400 instead, so a client without a key never learned it
/// needed one. This writes the documented error (401 `unauthenticated` with
/// `WWW-Authenticate`, 403 `forbidden`...) straight to the socket and closes
/// the connection before that empty answer could be written.
struct UpgradeAnswerMiddleware: RouterMiddleware {
    typealias Context = StreamRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let started = ContinuousClock.now
        let refusal: APIError
        do {
            let response = try await next(request, context)
            // The WebSocket route answers 200 when it will upgrade.
            if response.status == .ok {
                AccessLog.record(request, status: "101", since: started, logger: context.logger)
                return response
            }
            refusal = APIError(
                response.status, code: "upgrade_refused", message: "the WebSocket upgrade was refused")
        } catch {
            refusal = APIError(error)
        }
        AccessLog.record(request, status: "\(refusal.status.code)", since: started, logger: context.logger)
        refusal.writeRaw(to: context.channel, requestID: context.id)
        throw refusal
    }

}
