import Dispatch
import FaceStore
import FaceVision
import Foundation
import Logging
import MilvusClient
import VectorIndex

/// Where a collection's index is built or opened: the store it derives from,
/// where its vectors live, and the store's identity that names them there.
struct IndexPlace: Sendable {
    let store: FaceStore
    let vectors: VectorStore
    let storeIdentity: String
    let logger: Logger
}

extension FaceSearchEngine {
    /// A collection's index, loaded or built from the store's descriptors, and
    /// checked to hold exactly the store's face ids.
    ///
    /// An exact index is built. An HNSW index is loaded from its saved file
    /// when there is one, then restored to the store: faces written after the
    /// save are added, faces deleted since are removed, and any vector that
    /// differs is replaced; an unreadable file is logged and the graph built
    /// anew. Faces no search could reach are linked in (`HNSWIndex.relink()`).
    /// The graph is saved again when it changed, so the next start is quick.
    /// In Milvus, the collection's Milvus collection is opened (created when
    /// missing) and reconciled with the store.
    static func loadCollection(_ record: CollectionRecord, models: ModelChoice, in place: IndexPlace)
        async throws -> LoadedCollection
    {
        let (store, logger) = (place.store, place.logger)
        let choice: IndexChoice
        do {
            choice = try IndexChoice(stored: record.vectorIndex)
        } catch {
            throw EngineError.inconsistent(
                "collection \(record.name): unreadable index \(record.vectorIndex ?? "")")
        }
        let metric = DistanceMetric(rawValue: record.metric) ?? .euclidean
        if case .milvus(let connection) = place.vectors {
            return try await loadMilvusCollection(
                record, models: models, choice: choice, connection: connection, in: place)
        }
        let started = ContinuousClock.now
        let index: any VectorIndex
        let storedIDs: Set<Int64>
        var saveNeeded = false
        switch choice {
        case .exact:
            let exact = ExactIndex(dimension: record.dimension, metric: metric)
            storedIDs = try await feed(from: store, collectionID: record.id) { batch in
                try await offThread { try exact.add(batch) }
            }
            index = exact
        case .hnsw(let parameters):
            let path = store.indexFilePath(collectionID: record.id, kind: "hnsw")
            let hnsw: HNSWIndex
            if let loaded = try await loadSavedGraph(path, record: record, ef: parameters.ef, logger: logger)
            {
                hnsw = loaded
                var counts = HNSWIndex.RestoreCounts()
                storedIDs = try await feed(from: store, collectionID: record.id) { batch in
                    let restored = try await offThread { try hnsw.restore(batch) }
                    counts.kept += restored.kept
                    counts.added += restored.added
                    counts.replaced += restored.replaced
                }
                let stale = hnsw.ids().filter { !storedIDs.contains($0) }
                let removed = try await offThread { hnsw.remove(ids: stale) }
                saveNeeded = counts.added + counts.replaced + removed > 0
                logger.info(
                    "hnsw index restored",
                    metadata: [
                        "collection": "\(record.name)", "kept": "\(counts.kept)", "added": "\(counts.added)",
                        "replaced": "\(counts.replaced)", "removed": "\(removed)",
                        "huge_pages": "\(hnsw.onHugePages)", "codes": "\(hnsw.navigatesOnCodes)",
                    ])
            } else {
                let count = try await store.counts(collectionID: record.id).faces
                hnsw = try HNSWIndex(
                    dimension: record.dimension, metric: metric, parameters: parameters, capacity: count)
                storedIDs = try await feed(from: store, collectionID: record.id) { batch in
                    try await offThread { try hnsw.add(batch) }
                }
                saveNeeded = count > 0
            }
            // A graph saved before relinking existed may strand faces: link them in, and save if any were
            // (a save relinks by itself).
            if !saveNeeded, try await offThread({ try hnsw.relink() }) > 0 { saveNeeded = true }
            index = hnsw
        }
        // The ids fed are the store's (one read of them); the index must hold exactly those.
        guard try storedIDs.count == index.count, try Set(index.ids()) == storedIDs else {
            throw EngineError.inconsistent(
                "collection \(record.name): store has \(storedIDs.count) faces, index \((try? index.count) ?? 0)"
            )
        }
        let collection = LoadedCollection(record: record, models: models, indexChoice: choice, index: index)
        if saveNeeded { try await saveIndex(of: collection, in: store, logger: logger) }
        logger.debug(
            "collection index ready",
            metadata: [
                "collection": "\(record.name)", "index": "\(choice.kind)", "faces": "\(storedIDs.count)",
                "seconds": "\((ContinuousClock.now - started).components.seconds)",
            ])
        return collection
    }

    /// A collection whose vectors live in Milvus, reconciled with the store.
    private static func loadMilvusCollection(
        _ record: CollectionRecord, models: ModelChoice, choice: IndexChoice, connection: MilvusConnection,
        in place: IndexPlace
    ) async throws -> LoadedCollection {
        let started = ContinuousClock.now
        let index = try await openMilvusIndex(record, choice: choice, connection: connection, in: place)
        let repaired = try await reconcile(index, collectionID: record.id, store: place.store)
        let stored = try await place.store.counts(collectionID: record.id).faces
        let indexed = try await offThread { try index.count }
        guard stored == indexed else {
            throw EngineError.inconsistent(
                "collection \(record.name): store has \(stored) faces, Milvus \(indexed)")
        }
        place.logger.info(
            "milvus collection ready",
            metadata: [
                "collection": "\(record.name)", "milvus": "\(index.collectionName)", "faces": "\(stored)",
                "added": "\(repaired.added)", "removed": "\(repaired.removed)",
                "seconds": "\((ContinuousClock.now - started).components.seconds)",
            ])
        return LoadedCollection(
            record: record, models: models, indexChoice: choice, index: index,
            openingRepair: RepairReport(
                collection: record.name, added: repaired.added, removed: repaired.removed))
    }

    /// The Milvus collection of `record`, created (indexed and loaded) when missing.
    static func openMilvusIndex(
        _ record: CollectionRecord, choice: IndexChoice, connection: MilvusConnection, in place: IndexPlace
    ) async throws -> MilvusIndex {
        let name = VectorStore.milvusName(storeIdentity: place.storeIdentity, collectionID: record.id)
        let metric = DistanceMetric(rawValue: record.metric) ?? .euclidean
        return try await offThread {
            try MilvusIndex.open(
                name, connection: connection, dimension: record.dimension, metric: metric,
                layout: choice.milvusLayout)
        }
    }

    /// Brings `index` in line with the store: the store's faces it lacks are
    /// added, and ids the store does not hold are removed. Safe beside
    /// concurrent writes, which reach the store before the index when they
    /// add and the index before the store when they delete.
    static func reconcile(_ index: any VectorIndex, collectionID: Int64, store: FaceStore) async throws
        -> (added: Int, removed: Int)
    {
        let indexed = Set(try await offThread { try index.ids() })
        var added = 0
        let seen = try await feed(from: store, collectionID: collectionID) { batch in
            let missing = batch.filter { !indexed.contains($0.id) }
            guard !missing.isEmpty else { return }
            added += try await offThread { try addSkippingPresent(missing, to: index) }
        }
        let stale = indexed.subtracting(seen)
        let removed = stale.isEmpty ? 0 : try await offThread { try index.remove(ids: stale) }
        return (added, removed)
    }

    /// Adds entries, leaving out those a concurrent write added meanwhile; returns how many it added.
    private static func addSkippingPresent(_ entries: [IndexEntry], to index: any VectorIndex) throws -> Int {
        do {
            try index.add(entries)
            return entries.count
        } catch VectorIndexError.duplicateID {
            let absent = try entries.filter { try !index.contains(id: $0.id) }
            try index.add(absent)
            return absent.count
        }
    }

    /// Drops the Milvus collections of this store whose facesearch collection
    /// is gone (deleted, or replaced by a re-embed, while Milvus was away).
    static func dropStaleMilvusCollections(
        in vectors: VectorStore, storeIdentity: String, keeping ids: Set<Int64>, logger: Logger
    ) async throws {
        guard case .milvus(let connection) = vectors else { return }
        let prefix = VectorStore.milvusPrefix(storeIdentity: storeIdentity)
        for name in try await connection.collectionNames() where name.hasPrefix(prefix) {
            guard let id = Int64(name.dropFirst(prefix.count)), !ids.contains(id) else { continue }
            try await connection.dropCollection(named: name)
            logger.info("stale milvus collection dropped", metadata: ["milvus": "\(name)"])
        }
    }

    /// The saved graph at `path`, or nil when there is none or it cannot be
    /// used (logged: the graph is then built from the store).
    private static func loadSavedGraph(_ path: String, record: CollectionRecord, ef: Int, logger: Logger)
        async throws -> HNSWIndex?
    {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let metric = DistanceMetric(rawValue: record.metric) ?? .euclidean
        do {
            return try await offThread {
                try HNSWIndex.load(from: path, dimension: record.dimension, metric: metric, ef: ef)
            }
        } catch {
            logger.warning(
                "saved hnsw index unusable; rebuilding it from the store",
                metadata: ["collection": "\(record.name)", "file": "\(path)", "error": "\(error)"])
            return nil
        }
    }

    /// Streams a collection's faces into `body` as index entries, 4,096 at a
    /// time; returns the ids handed over.
    private static func feed(
        from store: FaceStore, collectionID: Int64, _ body: ([IndexEntry]) async throws -> Void
    ) async throws -> Set<Int64> {
        var ids = Set<Int64>()
        try await store.forEachDescriptorBatch(collectionID: collectionID) { faces in
            ids.formUnion(faces.lazy.map(\.id))
            try await body(
                faces.map {
                    IndexEntry(
                        id: $0.id, vector: $0.descriptor, attributes: indexAttributes($0.label, $0.metadata))
                })
        }
        return ids
    }

    /// Links in the faces no search can reach (`HNSWIndex.relink()`), then
    /// saves a collection's HNSW graph durably; returns the graph's revision
    /// as saved, or nil for another index (which has nothing to save).
    @discardableResult
    static func saveIndex(of collection: LoadedCollection, in store: FaceStore, logger: Logger) async throws
        -> Int?
    {
        guard let hnsw = collection.index as? HNSWIndex else { return nil }
        let relinked = try await offThread { try hnsw.relink() }
        if relinked > 0 {
            logger.info(
                "hnsw index relinked",
                metadata: ["collection": "\(collection.record.name)", "faces": "\(relinked)"])
        }
        let revision = hnsw.revision
        let path = store.indexFilePath(collectionID: collection.record.id, kind: "hnsw")
        let started = ContinuousClock.now
        try await offThread {
            try store.saveIndexFile(at: path) { temporary in try hnsw.save(to: temporary) }
        }
        logger.info(
            "hnsw index saved",
            metadata: [
                "collection": "\(collection.record.name)", "faces": "\(hnsw.count)",
                "seconds": "\((ContinuousClock.now - started).formatted(.units(allowed: [.seconds])))",
            ])
        return revision
    }

    /// Runs a CPU-heavy synchronous body on a Dispatch thread, never on Swift's cooperative pool.
    static func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await DispatchQueue.global().perform(body)
    }
}

/// What compacting a collection's index did.
public struct CompactionReport: Sendable, Hashable, Codable {
    /// The collection.
    public var collection: String
    /// Its index kind (only `hnsw` has anything to compact).
    public var index: String
    /// Slots of deleted faces freed.
    public var reclaimed: Int
    /// Faces in the index.
    public var faces: Int
}

extension FaceSearchEngine {
    /// Compaction starts by itself at a save when deleted faces hold more
    /// than this share of an HNSW graph's slots (and at least `autoCompactionFloor`).
    public static let autoCompactionShare = 0.25
    /// The fewest deleted slots worth an automatic compaction.
    public static let autoCompactionFloor = 1024

    /// Records that each collection's index, as it is now, is saved.
    func markSaved(_ collections: [LoadedCollection]) {
        savedRevisions.withLock { saved in
            for collection in collections {
                if let hnsw = collection.index as? HNSWIndex { saved[collection.record.id] = hnsw.revision }
            }
        }
    }

    /// Saves every HNSW index changed since its last save (linking in the
    /// faces no search could reach first), compacting first one whose deleted
    /// faces hold over a quarter of its slots. The server
    /// calls it every few minutes and when it stops, the CLI after writing;
    /// nothing depends on it for correctness (see `loadCollection`), only
    /// the time the next start takes.
    public func saveIndexes() async throws {
        for collection in loaded.withLock({ Array($0.values) }) {
            guard let hnsw = collection.index as? HNSWIndex else { continue }
            let revision = hnsw.revision
            guard savedRevisions.withLock({ $0[collection.record.id] }) != revision else { continue }
            let deleted = hnsw.deletedCount
            if deleted >= Self.autoCompactionFloor,
                Double(deleted) > Self.autoCompactionShare * Double(deleted + hnsw.count)
            {
                let reclaimed = try await Self.offThread { try hnsw.compact() }
                logger.info(
                    "hnsw index compacted",
                    metadata: ["collection": "\(collection.record.name)", "reclaimed": "\(reclaimed)"])
            }
            let saved = try await Self.saveIndex(of: collection, in: store, logger: logger)
            savedRevisions.withLock { $0[collection.record.id] = saved }
        }
    }

    /// Rebuilds a collection's HNSW graph without the slots of deleted faces
    /// and saves it. Searches go on meanwhile; writes to the collection wait.
    /// Nothing to do for an exact index, which frees a face's room when it is deleted.
    public func compactIndex(of name: String) async throws -> CompactionReport {
        let collection = try collection(name)
        guard let hnsw = collection.index as? HNSWIndex else {
            return CompactionReport(
                collection: name, index: collection.indexChoice.kind, reclaimed: 0,
                faces: try collection.index.count)
        }
        let reclaimed = try await Self.offThread { try hnsw.compact() }
        let saved = try await Self.saveIndex(of: collection, in: store, logger: logger)
        savedRevisions.withLock { $0[collection.record.id] = saved }
        return CompactionReport(collection: name, index: "hnsw", reclaimed: reclaimed, faces: hnsw.count)
    }
}
