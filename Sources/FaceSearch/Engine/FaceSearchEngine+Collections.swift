import FaceStore
import VectorIndex

/// A collection with its counts.
public struct CollectionSummary: Sendable, Hashable, Codable {
    /// The collection's name.
    public var name: String
    /// Its distance metric.
    public var metric: DistanceMetric
    /// The embedding model its descriptors come from.
    public var modelID: String
    /// The descriptor length.
    public var dimension: Int
    /// Stored photos.
    public var images: Int
    /// Stored faces.
    public var faces: Int
    /// Distinct labels.
    public var labels: Int
}

extension FaceSearchEngine {
    /// Creates an empty collection.
    public func createCollection(name: String, metric: DistanceMetric = .euclidean) async throws
        -> CollectionSummary
    {
        if loaded.withLock({ $0[name] != nil }) { throw EngineError.collectionExists(name) }
        let record: CollectionRecord
        do {
            record = try await store.createCollection(
                name: name, metric: metric.rawValue, modelID: Self.modelID, dimension: 128)
        } catch FaceStoreError.collectionExists {
            throw EngineError.collectionExists(name)
        }
        let collection = LoadedCollection(record: record, index: ExactIndex(dimension: 128, metric: metric))
        loaded.withLock { $0[name] = collection }
        recordWrite(to: name)
        logger.info(
            "collection created", metadata: ["collection": "\(name)", "metric": "\(metric.rawValue)"])
        return try await summary(of: collection)
    }

    /// The collection named `name`, created with `metric` when it does not exist.
    public func collectionCreatingIfMissing(name: String, metric: DistanceMetric = .euclidean) async throws
        -> CollectionSummary
    {
        if let existing = loaded.withLock({ $0[name] }) { return try await summary(of: existing) }
        do {
            return try await createCollection(name: name, metric: metric)
        } catch EngineError.collectionExists {
            return try await summary(of: try collection(name))
        }
    }

    /// Every collection with its counts, by name.
    public func collections() async throws -> [CollectionSummary] {
        var summaries: [CollectionSummary] = []
        for collection in loaded.withLock({ Array($0.values) }) {
            summaries.append(try await summary(of: collection))
        }
        return summaries.sorted { $0.name < $1.name }
    }

    /// One collection with its counts.
    public func collectionSummary(_ name: String) async throws -> CollectionSummary {
        try await summary(of: try collection(name))
    }

    /// Deletes a collection with all its faces and the photos no other collection keeps.
    public func deleteCollection(_ name: String) async throws -> DeletionResult {
        _ = try collection(name)
        let result = try await store.deleteCollection(named: name)
        loaded.withLock { _ = $0.removeValue(forKey: name) }
        recordWrite(to: name)
        logger.info(
            "collection deleted", metadata: ["collection": "\(name)", "faces": "\(result.faceIDs.count)"])
        return result
    }

    private func summary(of collection: LoadedCollection) async throws -> CollectionSummary {
        let counts = try await store.counts(collectionID: collection.record.id)
        return CollectionSummary(
            name: collection.record.name, metric: collection.metric, modelID: collection.record.modelID,
            dimension: collection.record.dimension, images: counts.images, faces: counts.faces,
            labels: counts.labels)
    }
}
