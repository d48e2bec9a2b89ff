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
        let collection = try collection(collectionName)
        return try await forget([id], in: collection) { try await self.store.deleteFaces(ids: [id]) }
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
        var ids: [Int64] = []
        while true {
            let page = try await store.faces(
                collectionID: collection.record.id, filter: filter, limit: 1000, afterID: ids.last)
            ids += page.map(\.id)
            if page.count < 1000 { break }
        }
        return try await forget(ids, in: collection) {
            try await self.store.deleteFaces(collectionID: collection.record.id, filter: filter)
        }
    }

    /// Deletes faces from the index, then from the store (`delete`): when the
    /// index refuses (Milvus unreachable), nothing is deleted and the error
    /// goes to the caller, so a deletion is acknowledged only once both hold
    /// it. Either failing marks the collection for repair. Faces the store
    /// deletes beyond `ids` (stored meanwhile) leave the index after.
    private func forget(
        _ ids: [Int64], in collection: LoadedCollection, delete: () async throws -> DeletionResult
    ) async throws -> DeletionResult {
        let name = collection.record.name
        _ = try await writingIndex(of: collection) { try $0.remove(ids: ids) }
        let result: DeletionResult
        do {
            result = try await delete()
        } catch {
            repairs.withLock { _ = $0.insert(name) }
            throw error
        }
        let late = Set(result.faceIDs).subtracting(ids)
        if !late.isEmpty { _ = try await writingIndex(of: collection) { try $0.remove(ids: late) } }
        recordWrite(to: name)
        logger.info(
            "faces deleted",
            metadata: [
                "collection": "\(name)", "faces": "\(result.faceIDs.count)",
                "images": "\(result.imageIDs.count)",
            ])
        return result
    }
}
