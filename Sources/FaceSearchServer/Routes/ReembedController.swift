import FaceSearch
import FaceVision
import Hummingbird

/// `/v1/collections/{name}/reembed`: start, follow and stop the re-embed of a
/// collection with other models (docs/OPERATIONS.md, "Changing a collection's models").
struct ReembedController<Context: AccessRequestContext> {
    let engine: FaceSearchEngine

    struct StartRequest: Decodable {
        let detector: String?
        let embedder: String?

        /// Either member may be absent but not `null`: the document declares strings.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            detector = try container.optionalString(.detector, allowed: ModelChoice.detectorNames)
            embedder = try container.optionalString(.embedder, allowed: ModelChoice.embedderNames)
        }

        enum CodingKeys: String, CodingKey { case detector, embedder }
    }

    struct Stopped: ResponseEncodable {
        let collection: String
        let stopped: Bool
    }

    /// Mounts `{name}/reembed` on the collections' routes: following a job
    /// needs a search key, starting and stopping one an admin key.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        routes.post(":name/reembed", access: .key(.admin), use: start)
        routes.get(":name/reembed", access: .key(.search), use: status)
        routes.delete(":name/reembed", access: .key(.admin), use: stop)
    }

    @Sendable func start(_ request: Request, context: Context) async throws -> EditedResponse<ReembedStatus> {
        let name = try context.parameters.require("name")
        let body = try await request.decodeJSON(as: StartRequest.self, context: context)
        guard body.detector != nil || body.embedder != nil else {
            throw APIError.invalidArgument("name the new models: detector and/or embedder")
        }
        let models = try ModelChoice.named(
            detector: body.detector, embedder: body.embedder,
            defaults: try await engine.collectionSummary(name).models)
        return EditedResponse(status: .accepted, response: try engine.startReembed(name, to: models))
    }

    @Sendable func status(_ request: Request, context: Context) async throws -> ReembedStatus {
        try engine.reembedStatus(try context.parameters.require("name"))
    }

    @Sendable func stop(_ request: Request, context: Context) async throws -> Stopped {
        let name = try context.parameters.require("name")
        return Stopped(collection: name, stopped: try await engine.stopReembed(name))
    }
}

/// The engine's status is the API's answer as it is.
extension ReembedStatus: ResponseEncodable {}
