import FaceSearch
import FaceStore
import Hummingbird

/// `/v1/collections/{name}/faces`: index a photo, page through, read and
/// delete faces, and find the faces similar to a stored one.
struct FacesController<Context: AccessRequestContext> {
    let engine: FaceSearchEngine
    let configuration: ServerConfiguration

    struct Page: ResponseEncodable {
        let faces: [FaceJSON.Stored]
        let nextAfter: Int64?

        enum CodingKeys: String, CodingKey {
            case faces
            case nextAfter = "next_after"
        }
    }

    /// Mounts the routes under `/v1/collections/{name}/faces`: indexing and
    /// deleting need a write key, reading a search key.
    func addRoutes(to routes: ScopedRoutes<Context>) {
        routes.post(access: .key(.write), use: index)
        routes.get(access: .key(.search), use: list)
        routes.delete(access: .key(.write), use: deleteMatching)
        routes.get(":id", access: .key(.search), use: show)
        routes.delete(":id", access: .key(.write), use: delete)
        routes.get(":id/similar", access: .key(.search), use: similar)
    }

    @Sendable func index(_ request: Request, context: Context) async throws -> EditedResponse<IndexedPhoto> {
        let name = try context.parameters.require("name")
        var request = request
        let photo = try await request.photoRequest(limit: configuration.maxBodyBytes)
        let query = photo.parameters(request)
        let options = IndexOptions(
            faces: try query.faceSelection(), maxFaces: try query.int("max_faces", in: 1...10_000),
            label: try query.string("label"), externalID: try query.string("external_id"),
            metadata: try query.metadata())
        let bytes = try photo.photo("image", "file")
        let result = try await engine.index(photo: bytes, into: name, options: options)
        return EditedResponse(status: result.alreadyStored ? .ok : .created, response: IndexedPhoto(result))
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Page {
        let query = RequestParameters(request)
        let limit = try query.int("limit", in: 1...configuration.maxPageSize) ?? 50
        let filter = FaceFilter(
            label: try query.string("label"), externalID: try query.string("external_id"))
        let faces = try await engine.faces(
            in: try context.parameters.require("name"), filter: filter, limit: limit,
            afterID: try query.id("after"))
        return Page(
            faces: faces.map(FaceJSON.Stored.init), nextAfter: faces.count == limit ? faces.last?.id : nil)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> FaceJSON.Stored {
        let id = try context.parameters.requireID("id")
        return FaceJSON.Stored(try await engine.face(id, in: try context.parameters.require("name")))
    }

    @Sendable func delete(_ request: Request, context: Context) async throws -> FaceJSON.Deletion {
        let id = try context.parameters.requireID("id")
        return FaceJSON.Deletion(try await engine.deleteFace(id, in: try context.parameters.require("name")))
    }

    /// The faces most similar to a stored face, the face itself excluded.
    @Sendable func similar(_ request: Request, context: Context) async throws -> SearchAnswer.Answer {
        let query = RequestParameters(request)
        let maxTopK = min(configuration.maxTopK, SearchOptions.maxTopK)
        let options = SearchOptions(
            topK: try query.int("top_k", in: 1...maxTopK) ?? 5,
            threshold: try query.double("threshold", in: 0...1), label: try query.string("label"),
            metadata: try query.metadataFilter(json: nil))
        let result = try await engine.search(
            faceID: try context.parameters.requireID("id"), in: try context.parameters.require("name"),
            options: options)
        return SearchAnswer.Answer(result)
    }

    /// Deletes every face with a label or an external id: "forget this person".
    @Sendable func deleteMatching(_ request: Request, context: Context) async throws -> FaceJSON.Deletion {
        let query = RequestParameters(request)
        let filter = FaceFilter(
            label: try query.string("label"), externalID: try query.string("external_id"))
        guard !filter.isEmpty else {
            throw APIError.invalidArgument("deleting faces needs a label or an external_id parameter")
        }
        return FaceJSON.Deletion(
            try await engine.deleteFaces(in: try context.parameters.require("name"), matching: filter))
    }
}

extension FaceJSON.Stored: ResponseEncodable {}
extension FaceJSON.Deletion: ResponseEncodable {}
