import FaceStore
import FaceVision
import VectorIndex

extension EmbedderChoice {
    /// The metric a collection of this embedder's descriptors uses by default.
    public var metric: DistanceMetric { self == .dlib ? .euclidean : .cosine }
}

/// A collection with its counts.
public struct CollectionSummary: Sendable, Hashable, Codable {
    /// The collection's name.
    public var name: String
    /// Its distance metric.
    public var metric: DistanceMetric
    /// The embedding model its descriptors come from.
    public var modelID: String
    /// The embedder that computes them (`dlib` or `sface`).
    public var embedder: EmbedderChoice
    /// The detector its photos are analysed with.
    public var detector: PipelineConfiguration.DetectorChoice

    /// The detector and embedder together.
    public var models: ModelChoice { ModelChoice(detector: detector, embedder: embedder) }
    /// The vector index its searches use, with its parameters.
    public var index: IndexChoice
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
    /// Creates an empty collection whose photos are analysed with `models`
    /// (the pipeline's configured ones by default). The metric follows the
    /// embedder unless given: Euclidean for dlib, cosine for SFace, which
    /// only cosine suits.
    public func createCollection(
        name: String, metric: DistanceMetric? = nil, models: ModelChoice? = nil, index: IndexChoice = .exact
    ) async throws -> CollectionSummary {
        if Self.isReserved(name) {
            throw EngineError.invalidArgument("collection names beginning with __ are reserved")
        }
        if loaded.withLock({ $0[name] != nil }) { throw EngineError.collectionExists(name) }
        let models = try usable(models ?? pipeline.configuration.models)
        let metric = metric ?? models.embedder.metric
        if let problem = index.problem { throw EngineError.invalidArgument(problem) }
        if models.embedder == .sface && metric != .cosine {
            throw EngineError.invalidArgument(
                "sface descriptors are compared by cosine; the metric must be cosine")
        }
        let record: CollectionRecord
        do {
            record = try await store.createCollection(
                name: name, metric: metric.rawValue, modelID: models.embedder.modelID,
                detector: models.detector.rawValue, vectorIndex: index.stored,
                dimension: FaceDescriptor.length)
        } catch FaceStoreError.collectionExists {
            throw EngineError.collectionExists(name)
        }
        let vectors: any VectorIndex
        do {
            vectors = try await makeIndex(for: record, choice: index)
        } catch {
            // Milvus unreachable: the collection is not created at all.
            _ = try? await store.deleteCollection(named: name)
            throw error
        }
        let collection = LoadedCollection(record: record, models: models, indexChoice: index, index: vectors)
        loaded.withLock { $0[name] = collection }
        recordWrite(to: name)
        logger.info(
            "collection created",
            metadata: [
                "collection": "\(name)", "metric": "\(metric.rawValue)",
                "detector": "\(models.detector.rawValue)",
                "embedder": "\(models.embedder.rawValue)", "index": "\(index.kind)",
            ])
        return try await summary(of: collection)
    }

    /// The collection named `name`, created with `metric`, `models` and
    /// `index` when it does not exist. An existing collection of other models
    /// is a `modelMismatch` when `models` was given; its index stays as it is.
    public func collectionCreatingIfMissing(
        name: String, metric: DistanceMetric? = nil, models: ModelChoice? = nil, index: IndexChoice = .exact
    ) async throws -> CollectionSummary {
        if let existing = loaded.withLock({ $0[name] }) {
            try checkModels(models, of: existing)
            return try await summary(of: existing)
        }
        do {
            return try await createCollection(name: name, metric: metric, models: models, index: index)
        } catch EngineError.collectionExists {
            let existing = try collection(name)
            try checkModels(models, of: existing)
            return try await summary(of: existing)
        }
    }

    /// `models` when they work together and their files are present and
    /// intact; `invalidArgument` for a pair that cannot work together.
    func usable(_ models: ModelChoice) throws -> ModelChoice {
        do {
            try models.validate()
        } catch {
            throw EngineError.invalidArgument(error.description)
        }
        try pipeline.verifyModels(for: models)
        return models
    }

    /// Throws `modelMismatch` when `asked` is not the collection's models.
    func checkModels(_ asked: ModelChoice?, of collection: LoadedCollection) throws(EngineError) {
        guard let asked, asked != collection.models else { return }
        throw .modelMismatch(
            collection: collection.record.name, collectionModels: collection.models.text, asked: asked.text)
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
        // A re-embed under way or interrupted goes with it.
        if reembedding.withLock({ $0.contains(name) }) || jobs.withLock({ $0[name] != nil }) {
            _ = try await stopReembed(name)
        }
        let result = try await store.deleteCollection(named: name)
        let removed = loaded.withLock { $0.removeValue(forKey: name) }
        if let removed {
            try store.removeIndexFiles(collectionID: removed.record.id)
            await dropVectors(ofCollectionID: removed.record.id)
        }
        recordWrite(to: name)
        logger.info(
            "collection deleted", metadata: ["collection": "\(name)", "faces": "\(result.faceIDs.count)"])
        return result
    }

    /// Changes how many candidates the searches of an hnsw collection
    /// explore (`ef`, 1 to 4096): more finds more of the true nearest faces
    /// and costs time. The graph is not rebuilt; the store keeps the new value
    /// (so a restart keeps it) and searches from now on use it, in process or
    /// in Milvus. An exact collection has no `ef` (`invalidArgument`).
    public func setSearchWidth(_ ef: Int, of name: String) async throws -> CollectionSummary {
        try checkWritable(name)
        let collection = try collection(name)
        guard case .hnsw(var parameters) = collection.indexChoice else {
            throw EngineError.invalidArgument("collection \(name) uses the exact index, which has no ef")
        }
        parameters.ef = ef
        let choice = IndexChoice.hnsw(parameters)
        if let problem = choice.problem { throw EngineError.invalidArgument(problem) }
        let record = try await store.setVectorIndex(choice.stored ?? "", ofCollectionID: collection.record.id)
        try collection.index.setSearchWidth(ef)
        let changed = LoadedCollection(
            record: record, models: collection.models, indexChoice: choice, index: collection.index)
        loaded.withLock { loaded in
            if loaded[name]?.record.id == record.id { loaded[name] = changed }
        }
        // Cached answers were found with the old width.
        recordWrite(to: name)
        logger.info("collection ef changed", metadata: ["collection": "\(name)", "ef": "\(ef)"])
        return try await summary(of: changed)
    }

    private func summary(of collection: LoadedCollection) async throws -> CollectionSummary {
        let counts = try await store.counts(collectionID: collection.record.id)
        return CollectionSummary(
            name: collection.record.name, metric: collection.metric, modelID: collection.record.modelID,
            embedder: collection.models.embedder, detector: collection.models.detector,
            index: collection.indexChoice, dimension: collection.record.dimension, images: counts.images,
            faces: counts.faces,
            labels: counts.labels)
    }
}
