import FaceStore

extension FaceSearchEngine {
    /// The embedding map of a collection: its descriptors projected to 2-D by
    /// PCA and clustered by k-means (k-means++ seeding, fixed seed), at most
    /// `maxPoints` faces (the first by id). `k` defaults to the number of
    /// distinct labels (at least 2; 8 without labels). The math runs off the
    /// cooperative pool.
    public func embeddingMap(
        of name: String, k: Int? = nil, maxPoints: Int = EmbeddingMap.maxPoints
    ) async throws -> EmbeddingMap {
        let collection = try collection(name)
        if let k, !(1...EmbeddingMap.maxClusters).contains(k) {
            throw EngineError.invalidArgument("k must be from 1 to \(EmbeddingMap.maxClusters), not \(k)")
        }
        var faces: [(id: Int64, descriptor: [Float], label: String?)] = []
        do {
            try await store.forEachDescriptor(collectionID: collection.record.id) {
                id, descriptor, label, _ in
                guard faces.count < maxPoints else { throw MapIsFull() }
                faces.append((id, descriptor, label))
            }
        } catch is MapIsFull {}
        let total = max((try? collection.index.count) ?? 0, faces.count)
        let labels = Set(faces.compactMap(\.label)).count
        let clusters = k ?? (labels == 0 ? 8 : min(max(labels, 2), EmbeddingMap.maxClusters))
        let chosen = faces
        return try await offPool { EmbeddingMap(faces: chosen, k: clusters, totalFaces: total) }
    }
}

/// Stops reading descriptors once the map holds as many as it may.
private struct MapIsFull: Error {}
