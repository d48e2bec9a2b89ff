import FaceSearch
import FaceVision
import Hummingbird
import VectorIndex

/// `/v1/collections`: create, list, read and delete collections.
struct CollectionsController<Context: AccessRequestContext> {
    let engine: FaceSearchEngine

    struct CreateRequest: Decodable {
        let name: String
        let metric: String?
        let detector: String?
        let embedder: String?
        let index: IndexChoice

        /// `metric`, `detector`, `embedder` and `index` may be absent (the
        /// embedder's metric, the server's models, the exact index) but not
        /// `null`: the document declares strings and an object.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            metric = try container.optionalString(.metric, allowed: "euclidean or cosine")
            detector = try container.optionalString(.detector, allowed: ModelChoice.detectorNames)
            embedder = try container.optionalString(.embedder, allowed: ModelChoice.embedderNames)
            index =
                container.contains(.index) ? try container.decode(IndexChoice.self, forKey: .index) : .exact
        }

        /// The models asked for, the server's where one is absent.
        func models(defaults: ModelChoice) throws(APIError) -> ModelChoice {
            try ModelChoice.named(detector: detector, embedder: embedder, defaults: defaults)
        }

        enum CodingKeys: String, CodingKey { case name, metric, detector, embedder, index }
    }

    struct Summary: ResponseEncodable, Equatable {
        let name: String
        let metric: String
        let modelID: String
        let embedder: String
        let detector: String
        let index: IndexChoice
        let dimension: Int
        let images: Int
        let faces: Int
        let labels: Int

        init(_ summary: CollectionSummary) {
            name = summary.name
            metric = summary.metric.rawValue
            modelID = summary.modelID
            embedder = summary.embedder.rawValue
            detector = summary.detector.rawValue
            index = summary.index
            dimension = summary.dimension
            images = summary.images
            faces = summary.faces
            labels = summary.labels
        }

        enum CodingKeys: String, CodingKey {
            case name, metric, dimension, images, faces, labels, embedder, detector, index
            case modelID = "model_id"
        }
    }

    struct List: ResponseEncodable {
        let collections: [Summary]
    }

    struct Deleted: ResponseEncodable {
        let name: String
        let deletedFaces: Int
        let deletedImages: Int

        enum CodingKeys: String, CodingKey {
            case name
            case deletedFaces = "deleted_faces"
            case deletedImages = "deleted_images"
        }
    }

    /// Mounts the routes under `/v1/collections`: creating, changing and
    /// dropping a collection (and its re-embed) is for admins.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        routes.post(access: .key(.admin), use: create)
        routes.get(access: .key(.search), use: list)
        routes.get(":name", access: .key(.search), use: show)
        routes.patch(":name", access: .key(.admin), use: update)
        routes.delete(":name", access: .key(.admin), use: delete)
        ReembedController(engine: engine).addRoutes(to: routes)
    }

    @Sendable func create(_ request: Request, context: Context) async throws -> EditedResponse<Summary> {
        let body = try await request.decodeJSON(as: CreateRequest.self, context: context)
        var metric: DistanceMetric?
        if let metricText = body.metric {
            guard let known = DistanceMetric(rawValue: metricText) else {
                throw APIError.invalidArgument("metric must be euclidean or cosine, not \(metricText)")
            }
            metric = known
        }
        let models = try body.models(defaults: engine.pipeline.configuration.models)
        let summary = try await engine.createCollection(
            name: body.name, metric: metric, models: models, index: body.index)
        return EditedResponse(status: .created, response: Summary(summary))
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> List {
        List(
            collections: try await engine.collections().filter { context.access.allows($0.name) }.map(
                Summary.init))
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Summary {
        Summary(try await engine.collectionSummary(try context.parameters.require("name")))
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> Summary {
        let name = try context.parameters.require("name")
        let change = try await request.decodeJSON(as: CollectionChange.self, context: context)
        return Summary(try await engine.setSearchWidth(change.ef, of: name))
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> Deleted {
        let name = try context.parameters.require("name")
        let result = try await engine.deleteCollection(name)
        return Deleted(name: name, deletedFaces: result.faceIDs.count, deletedImages: result.imageIDs.count)
    }
}
