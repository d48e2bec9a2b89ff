import Dispatch
import FaceStore
import FaceVision
import Foundation
import Logging
import Synchronization
import VectorIndex

/// The engine: one API over the face pipeline, the durable store and the
/// vector indexes, used by the CLI and the server alike.
///
/// The store (SQLite) is the source of truth; each collection's vector index
/// is derived from it: rebuilt at start (exact) or loaded from its saved
/// graph and restored to the store (HNSW), and checked against it. Writes go
/// to the store first and to the index after the commit, so a crash between
/// the two loses nothing: the next start repairs the index from the store.
public final class FaceSearchEngine: Sendable {
    /// The default score threshold: a match needs at least this score.
    public static let defaultThreshold = 0.5

    /// The durable store.
    public let store: FaceStore
    /// The face pipeline.
    public let pipeline: FacePipeline
    let logger: Logger
    let loaded: Mutex<[String: LoadedCollection]>
    /// Repeated identical searches are answered from here.
    let searchCache: SearchCache
    /// Face thumbnails by face id: ids are never reused, so an entry never goes stale.
    let thumbnailCache: ByteBoundedCache<Int64, [UInt8]>
    /// Each collection's write generation: bumped by every write, part of every cache key.
    private let generations = Mutex<[String: Int]>([:])
    /// Collections being re-embedded (or whose re-embed was interrupted): no writes.
    let reembedding: Mutex<Set<String>>
    /// Re-embeds started through `startReembed`, by collection.
    let jobs = Mutex<[String: ReembedJob]>([:])
    /// Index scans run here, never on Swift's cooperative pool.
    let scanQueue = DispatchQueue(label: "facesearch.scan", attributes: .concurrent)

    /// The revision of each HNSW index (by collection id) when it was last saved.
    let savedRevisions = Mutex<[Int64: Int]>([:])

    /// Where the vectors live.
    public let vectorStore: VectorStore
    /// The store's identity, which names its collections in a shared vector store.
    let storeIdentity: String
    /// Collections whose index may disagree with the store after a failed
    /// write (Milvus unreachable): `repairIndexes()` brings them back in line.
    let repairs = Mutex<Set<String>>([])

    /// A collection, the models its photos are analysed with, and its in-memory index.
    struct LoadedCollection: Sendable {
        let record: CollectionRecord
        let models: ModelChoice
        let indexChoice: IndexChoice
        let index: any VectorIndex
        /// What reconciling a shared vector store's collection with the store did when it was opened.
        var openingRepair: RepairReport? = nil
        var metric: DistanceMetric { DistanceMetric(rawValue: record.metric) ?? .euclidean }
    }

    /// The models of a stored collection: its embedder from its model id, its
    /// detector when it chose one, else `legacyDetector` (a collection of a
    /// data folder from before collections chose their detector; YuNet for
    /// SFace, which needs YuNet's landmarks).
    static func models(of record: CollectionRecord, legacyDetector: PipelineConfiguration.DetectorChoice)
        throws
        -> ModelChoice
    {
        guard let embedder = EmbedderChoice(modelID: record.modelID) else {
            throw EngineError.unsupportedModel(collection: record.name, modelID: record.modelID)
        }
        var choice = ModelChoice(detector: legacyDetector, embedder: embedder)
        if let name = record.detector {
            guard let detector = PipelineConfiguration.DetectorChoice(rawValue: name) else {
                throw EngineError.unsupportedModel(collection: record.name, modelID: "detector \(name)")
            }
            choice.detector = detector
        } else if embedder == .sface {
            choice.detector = .yunet
        }
        return choice
    }

    private init(
        store: FaceStore, pipeline: FacePipeline, logger: Logger, loaded: [String: LoadedCollection],
        reembedding: Set<String>, searchCacheBytes: Int, thumbnailCacheBytes: Int, vectorStore: VectorStore,
        storeIdentity: String
    ) {
        self.vectorStore = vectorStore
        self.storeIdentity = storeIdentity
        self.reembedding = Mutex(reembedding)
        self.store = store
        self.pipeline = pipeline
        self.logger = logger
        self.loaded = Mutex(loaded)
        self.searchCache = SearchCache(capacityBytes: searchCacheBytes)
        self.thumbnailCache = ByteBoundedCache(capacityBytes: thumbnailCacheBytes) { jpeg, _ in
            96 + jpeg.count
        }
    }

    /// The default bound of the search cache: 64 MiB.
    public static let defaultSearchCacheBytes = 64 << 20
    /// The default bound of the thumbnail cache: 16 MiB, about 3,000 thumbnails.
    public static let defaultThumbnailCacheBytes = 16 << 20

    /// The detector of collections created before collections chose one,
    /// unless the operator names another: the default they were created with.
    public static let legacyDetector = PipelineConfiguration.DetectorChoice.hogThenCNN

    /// Opens the gallery in `dataFolder` (created when missing), rebuilds every
    /// collection's index from the store and checks that the two agree.
    /// Collections that never chose a detector (data folders of earlier
    /// versions) use `legacyDetector`.
    /// `searchCacheBytes` and `thumbnailCacheBytes` bound the search result
    /// and thumbnail caches (0 turns one off). With `vectorStore` Milvus, the
    /// vectors live there: each collection's Milvus collection is created or
    /// brought in line with the store, and those of deleted collections dropped.
    public static func open(
        dataFolder: String, pipeline: FacePipeline, logger: Logger,
        searchCacheBytes: Int = defaultSearchCacheBytes,
        thumbnailCacheBytes: Int = defaultThumbnailCacheBytes,
        legacyDetector: PipelineConfiguration.DetectorChoice = legacyDetector,
        vectorStore: VectorStore = .inProcess
    ) async throws -> FaceSearchEngine {
        let started = ContinuousClock.now
        let store = try await FaceStore.open(folder: dataFolder, logger: logger)
        let identity = try await store.identity()
        var loaded: [String: LoadedCollection] = [:]
        let records = try await store.collections()
        // A staging collection left by an interrupted re-embed: its collection takes no writes until resumed.
        let reembedding = Set(
            records.filter { isReserved($0.name) }.compactMap { staging in
                records.first { stagingName(forCollectionID: $0.id) == staging.name }?.name
            })
        try store.removeIndexFiles(keeping: Set(records.map(\.id)))
        try await dropStaleMilvusCollections(
            in: vectorStore, storeIdentity: identity, keeping: Set(records.map(\.id)), logger: logger)
        let place = IndexPlace(store: store, vectors: vectorStore, storeIdentity: identity, logger: logger)
        for record in records where !isReserved(record.name) {
            let models = try models(of: record, legacyDetector: legacyDetector)
            try pipeline.verifyModels(for: models)
            loaded[record.name] = try await loadCollection(record, models: models, in: place)
        }
        let engine = FaceSearchEngine(
            store: store, pipeline: pipeline, logger: logger, loaded: loaded, reembedding: reembedding,
            searchCacheBytes: searchCacheBytes, thumbnailCacheBytes: thumbnailCacheBytes,
            vectorStore: vectorStore, storeIdentity: identity)
        engine.markSaved(Array(loaded.values))
        logger.info(
            "gallery open",
            metadata: [
                "data": "\(dataFolder)", "collections": "\(loaded.count)", "vectors": "\(vectorStore.text)",
                "faces": "\(loaded.values.reduce(0) { $0 + ((try? $1.index.count) ?? 0) })",
                "seconds": "\((ContinuousClock.now - started).components.seconds)",
            ])
        return engine
    }

    /// The loaded collection named `name`, or `collectionNotFound`.
    func collection(_ name: String) throws(EngineError) -> LoadedCollection {
        guard let collection = loaded.withLock({ $0[name] }) else { throw .collectionNotFound(name) }
        return collection
    }

    /// The write generation of a collection (0 until its first write).
    func generation(of collection: String) -> Int {
        generations.withLock { $0[collection, default: 0] }
    }

    /// Records a write to a collection: earlier cached searches of it stop matching.
    /// Generations only grow, even across deleting and re-creating a name.
    func recordWrite(to collection: String) {
        generations.withLock { $0[collection, default: 0] += 1 }
    }

    /// How the search cache has done so far.
    public var searchCacheStatistics: CacheStatistics { searchCache.statistics }

    /// How the thumbnail cache has done so far.
    public var thumbnailCacheStatistics: CacheStatistics { thumbnailCache.statistics }

    /// Runs a CPU-heavy synchronous body (an index scan) off the cooperative pool.
    func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await scanQueue.perform(body)
    }
}

/// The index's view of a face's label and filterable metadata.
func indexAttributes(_ label: String?, _ metadata: [String: JSONValue]?) -> IndexAttributes {
    IndexAttributes(label: label, metadata: (metadata ?? [:]).compactMapValues(\.scalarText))
}
