import FaceSearch
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore

/// `/v1/stream`: live search over a WebSocket. The client sends photos as
/// binary messages and settings as JSON text messages; the server answers each
/// frame it processes, the latest frame winning over the ones still waiting.
struct StreamController: Sendable {
    let engine: FaceSearchEngine
    let configuration: ServerConfiguration
    let stream: StreamConfiguration

    /// The stream's path.
    static let path = RouterPath(WebSocketKeyProtocol.path)

    /// The router the WebSocket upgrade consults; it knows only `/v1/stream`.
    func webSocketRouter() -> Router<StreamRequestContext> {
        let router = Router(context: StreamRequestContext.self)
        router.add(middleware: UpgradeAnswerMiddleware())
        // The upgrade request carries the key in a header, like any request.
        router.add(
            middleware: KeyIdentificationMiddleware(engine: engine, mode: configuration.authentication))
        let routes = ScopedRoutes(router: router)
        routes.group(.get, Self.path, access: .key(.search)).ws { inbound, outbound, context in
            await serve(
                inbound, outbound, collection: context.request.uri.queryParameters.get("collection"),
                access: context.requestContext.access, logger: context.logger)
        }
        return router
    }

    /// Plain HTTP on the stream's path gets a 426 that says how to connect.
    static func addUpgradeRequiredRoute<Context>(to routes: ScopedRoutes<Context>) {
        routes.get(path, access: .key(.search)) { _, _ -> Response in
            throw APIError(
                .upgradeRequired, code: "upgrade_required",
                message: "/v1/stream is a WebSocket endpoint: connect with a WebSocket upgrade")
        }
    }

    /// One connection: a reader in this task, a processor in a child task.
    /// When the client goes, the waiting frame and the processor are cancelled.
    private func serve(
        _ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, collection: String?,
        access: CollectionAccess, logger: Logger
    ) async {
        let slot = StreamSlot()
        await withDiscardingTaskGroup { group in
            group.addTask {
                await StreamProcessor(engine: engine, slot: slot, outbound: outbound, logger: logger).run()
            }
            do {
                try await read(
                    inbound, outbound, settings: StreamSettings(access: access), collection: collection,
                    slot: slot)
            } catch {
                logger.debug("stream ended", metadata: ["error": "\(String(reflecting: error))"])
            }
            slot.close()
            group.cancelAll()
        }
    }

    private func read(
        _ inbound: WebSocketInboundStream, _ outbound: WebSocketOutboundWriter, settings: StreamSettings,
        collection: String?, slot: StreamSlot
    ) async throws {
        let maxTopK = min(configuration.maxTopK, SearchOptions.maxTopK)
        var settings = settings
        if let collection {
            do {
                try await settings.setCollection(collection, engine: engine)
            } catch {
                try await outbound.writeTextMessage(StreamMessage.text(StreamMessage.Failure(error)))
            }
        }
        var reader = StreamMessageReader(inbound, limit: stream.maxFrameBytes)
        var limiter = StreamRateLimiter(perSecond: stream.maxFramesPerSecond)
        var sequence = 0
        while let message = try await reader.next() {
            switch message {
            case .text(let text):
                do {
                    settings = try await settings.applying(text, engine: engine, maxTopK: maxTopK)
                    try await outbound.writeTextMessage(StreamMessage.text(StreamMessage.Settings(settings)))
                } catch {
                    try await outbound.writeTextMessage(StreamMessage.text(StreamMessage.Failure(error)))
                }
            case .oversized(let bytes, let binary):
                if binary { sequence += 1 }
                let error = APIError(
                    .contentTooLarge, code: "payload_too_large",
                    message:
                        "the message of \(bytes) bytes is larger than the limit of \(stream.maxFrameBytes)")
                try await outbound.writeTextMessage(
                    StreamMessage.text(StreamMessage.Failure(error, sequence: binary ? sequence : nil)))
            case .binary(let bytes):
                sequence += 1
                guard let collection = settings.collection else {
                    let error = APIError.invalidArgument(
                        #"set a collection first: ?collection= or a text message {"collection": "..."}"#)
                    try await outbound.writeTextMessage(
                        StreamMessage.text(StreamMessage.Failure(error, sequence: sequence)))
                    continue
                }
                guard limiter.accept() else {
                    slot.drop()
                    continue
                }
                slot.offer(
                    StreamFrame(
                        sequence: sequence, bytes: bytes, collection: collection, options: settings.options))
            }
        }
    }
}

/// The context of the WebSocket upgrade request: what Hummingbird's
/// WebSocket router needs, plus the caller's collection access.
struct StreamRequestContext: RequestContext, WebSocketRequestContext, AccessRequestContext {
    /// Hummingbird's per-request storage.
    var coreContext: CoreRequestContextStorage
    /// Where the upgrade handler is kept until the connection is upgraded.
    let webSocket: WebSocketHandlerReference<Self>
    /// The caller, as its API key identifies it.
    var caller = Caller.anonymous
    /// The collections the connection may search, from its key.
    var access = CollectionAccess.all
    /// The connection, for answering a refused upgrade (``UpgradeAnswerMiddleware``).
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        webSocket = WebSocketHandlerReference()
        channel = source.channel
    }
}
