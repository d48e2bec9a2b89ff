import FaceStore

extension FaceSearchEngine {
    /// A page of a collection's faces, by id, after `afterID`.
    public func faces(
        in collectionName: String, filter: FaceFilter = FaceFilter(), limit: Int = 50, afterID: Int64? = nil
    )
        async throws -> [StoredFace]
    {
        let collection = try collection(collectionName)
        guard (1...1000).contains(limit) else { throw EngineError.invalidArgument("limit must be 1 to 1000") }
        return try await store.faces(
            collectionID: collection.record.id, filter: filter, limit: limit, afterID: afterID)
    }

    /// One face of a collection.
    public func face(_ id: Int64, in collectionName: String) async throws -> StoredFace {
        let collection = try collection(collectionName)
        guard let face = try await store.face(id: id), face.collectionID == collection.record.id else {
            throw EngineError.faceNotFound(id)
        }
        return face
    }

    /// Deletes one face (and its photo when no other face uses it).
    public func deleteFace(_ id: Int64, in collectionName: String) async throws -> DeletionResult {
        try checkWritable(collectionName)
        _ = try await face(id, in: collectionName)
        return try await forget(try await store.deleteFaces(ids: [id]), in: try collection(collectionName))
    }

    /// Deletes everything about one person: every face with this label (or
    /// external id), and their photos when no other face uses them.
    public func deleteFaces(in collectionName: String, matching filter: FaceFilter) async throws
        -> DeletionResult
    {
        let collection = try collection(collectionName)
        try checkWritable(collectionName)
        guard filter.label != nil || filter.externalID != nil else {
            throw EngineError.invalidArgument("deleting by filter needs a label or an external id")
        }
        return try await forget(
            try await store.deleteFaces(collectionID: collection.record.id, filter: filter), in: collection)
    }

    private func forget(_ result: DeletionResult, in collection: LoadedCollection) async throws
        -> DeletionResult
    {
        let index = collection.index
        _ = try await offPool { try index.remove(ids: result.faceIDs) }
        recordWrite(to: collection.record.name)
        logger.info(
            "faces deleted",
            metadata: [
                "collection": "\(collection.record.name)", "faces": "\(result.faceIDs.count)",
                "images": "\(result.imageIDs.count)",
            ])
        return result
    }
}
