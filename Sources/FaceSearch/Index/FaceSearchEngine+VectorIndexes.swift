import Dispatch
import FaceStore
import FaceVision
import Foundation
import Logging
import VectorIndex

extension FaceSearchEngine {
    /// A collection's index, loaded or built from the store's descriptors, and
    /// checked to hold exactly the store's face ids.
    ///
    /// An exact index is built. An HNSW index is loaded from its saved file
    /// when there is one, then restored to the store: faces written after the
    /// save are added, faces deleted since are removed, and any vector that
    /// differs is replaced; an unreadable file is logged and the graph built
    /// anew. The graph is saved again when it changed, so the next start is quick.
    static func loadCollection(
        _ record: CollectionRecord, models: ModelChoice, from store: FaceStore, logger: Logger
    ) async throws -> LoadedCollection {
        let choice: IndexChoice
        do {
            choice = try IndexChoice(stored: record.vectorIndex)
        } catch {
            throw EngineError.inconsistent(
                "collection \(record.name): unreadable index \(record.vectorIndex ?? "")")
        }
        let metric = DistanceMetric(rawValue: record.metric) ?? .euclidean
        let started = ContinuousClock.now
        let index: any VectorIndex
        var saveNeeded = false
        switch choice {
        case .exact:
            let exact = ExactIndex(dimension: record.dimension, metric: metric)
            try await feed(from: store, collectionID: record.id) { batch in
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
                var seen = Set<Int64>()
                try await feed(from: store, collectionID: record.id) { batch in
                    let restored = try await offThread { try hnsw.restore(batch) }
                    counts.kept += restored.kept
                    counts.added += restored.added
                    counts.replaced += restored.replaced
                    seen.formUnion(batch.map(\.id))
                }
                let stale = hnsw.ids().filter { !seen.contains($0) }
                let removed = try await offThread { hnsw.remove(ids: stale) }
                saveNeeded = counts.added + counts.replaced + removed > 0
                logger.info(
                    "hnsw index restored",
                    metadata: [
                        "collection": "\(record.name)", "kept": "\(counts.kept)", "added": "\(counts.added)",
                        "replaced": "\(counts.replaced)", "removed": "\(removed)",
                    ])
            } else {
                let count = try await store.counts(collectionID: record.id).faces
                hnsw = try HNSWIndex(
                    dimension: record.dimension, metric: metric, parameters: parameters, capacity: count)
                try await feed(from: store, collectionID: record.id) { batch in
                    try await offThread { try hnsw.add(batch) }
                }
                saveNeeded = count > 0
            }
            index = hnsw
        }
        let storedIDs = try await store.faceIDs(collectionID: record.id)
        guard try storedIDs.count == index.count, try Set(storedIDs) == Set(index.ids()) else {
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

    /// Streams a collection's faces into `body` as index entries, 4,096 at a time.
    private static func feed(
        from store: FaceStore, collectionID: Int64, _ body: ([IndexEntry]) async throws -> Void
    ) async throws {
        try await store.forEachDescriptorBatch(collectionID: collectionID) { faces in
            try await body(
                faces.map {
                    IndexEntry(
                        id: $0.id, vector: $0.descriptor, attributes: indexAttributes($0.label, $0.metadata))
                })
        }
    }

    /// Saves a collection's HNSW graph durably (nothing for an exact index).
    static func saveIndex(of collection: LoadedCollection, in store: FaceStore, logger: Logger) async throws {
        guard let hnsw = collection.index as? HNSWIndex else { return }
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
    }

    /// Runs a CPU-heavy synchronous body on a Dispatch thread, never on Swift's cooperative pool.
    static func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
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

    /// Saves every HNSW index changed since its last save, compacting first
    /// one whose deleted faces hold over a quarter of its slots. The server
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
            let saving = hnsw.revision
            try await Self.saveIndex(of: collection, in: store, logger: logger)
            savedRevisions.withLock { $0[collection.record.id] = saving }
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
        let saving = hnsw.revision
        try await Self.saveIndex(of: collection, in: store, logger: logger)
        savedRevisions.withLock { $0[collection.record.id] = saving }
        return CompactionReport(collection: name, index: "hnsw", reclaimed: reclaimed, faces: hnsw.count)
    }
}
