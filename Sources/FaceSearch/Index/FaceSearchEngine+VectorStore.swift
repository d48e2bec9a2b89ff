import FaceStore
import Foundation
import Logging
import MilvusClient
import VectorIndex

extension FaceSearchEngine {
    /// Where this engine's indexes are built or opened.
    var place: IndexPlace {
        IndexPlace(store: store, vectors: vectorStore, storeIdentity: storeIdentity, logger: logger)
    }

    /// A new, empty index for a collection just created.
    func makeIndex(for record: CollectionRecord, choice: IndexChoice) async throws -> any VectorIndex {
        let metric = DistanceMetric(rawValue: record.metric) ?? .euclidean
        switch (vectorStore, choice) {
        case (.milvus(let connection), _):
            return try await Self.openMilvusIndex(record, choice: choice, connection: connection, in: place)
        case (.inProcess, .exact):
            return ExactIndex(dimension: record.dimension, metric: metric)
        case (.inProcess, .hnsw(let parameters)):
            return try HNSWIndex(dimension: record.dimension, metric: metric, parameters: parameters)
        }
    }

    /// Drops a deleted collection's vectors from a shared vector store. A
    /// failure is logged: the next start drops what is left.
    func dropVectors(ofCollectionID id: Int64) async {
        guard case .milvus(let connection) = vectorStore else { return }
        let name = VectorStore.milvusName(storeIdentity: storeIdentity, collectionID: id)
        do {
            try await connection.dropCollection(named: name)
        } catch {
            logger.warning(
                "dropping a deleted collection's milvus collection failed; the next start drops it",
                metadata: ["milvus": "\(name)", "error": "\(error)"])
        }
    }

    /// Runs an index write for `collection`. When it fails, the collection is
    /// marked for `repairIndexes()`: a write cut short may have reached part
    /// of the index.
    func writingIndex<T: Sendable>(
        of collection: LoadedCollection, _ body: @escaping @Sendable (any VectorIndex) throws -> T
    ) async throws -> T {
        let index = collection.index
        do {
            return try await offPool { try body(index) }
        } catch {
            repairs.withLock { _ = $0.insert(collection.record.name) }
            throw error
        }
    }

    /// Why the vector store cannot serve now, or nil when it can (always nil
    /// in process). For the readiness probe: one health call with a short deadline.
    public func vectorStoreProblem() async -> String? {
        guard case .milvus(let connection) = vectorStore else { return nil }
        do {
            try await connection.checkHealth()
            return nil
        } catch {
            return error.description
        }
    }

    /// What reconciling each collection's Milvus collection with the store
    /// did when the engine opened (empty in process).
    public var openingRepairs: [RepairReport] {
        loaded.withLock { $0.values.compactMap(\.openingRepair) }.sorted { $0.collection < $1.collection }
    }

    /// Drops every Milvus collection of this store's (`facesearch milvus
    /// sync --rebuild`): the next opening creates and fills them from the store.
    public static func dropMilvusCollections(
        ofStoreIn dataFolder: String, connection: MilvusConnection, logger: Logger
    )
        async throws -> [String]
    {
        let identity = try await FaceStore.open(folder: dataFolder, logger: logger).identity()
        let prefix = VectorStore.milvusPrefix(storeIdentity: identity)
        let names = try await connection.collectionNames().filter { $0.hasPrefix(prefix) }
        for name in names { try await connection.dropCollection(named: name) }
        return names
    }

    /// The Milvus collection holding a collection's vectors, or nil in process.
    public func milvusCollectionName(of name: String) throws -> String? {
        guard case .milvus = vectorStore else { return nil }
        return VectorStore.milvusName(
            storeIdentity: storeIdentity, collectionID: try collection(name).record.id)
    }

    /// Collections whose index may disagree with the store after a failed write.
    public var collectionsAwaitingRepair: Set<String> { repairs.withLock { $0 } }

    /// Reconciles every collection marked by a failed write with the store
    /// (adds what the index lacks, removes what the store lacks). A collection
    /// stays marked when its repair fails too. The server calls it when the
    /// vector store is healthy again; `facesearch milvus sync` calls it for all.
    @discardableResult
    public func repairIndexes(all: Bool = false) async -> [RepairReport] {
        let names = all ? Set(loaded.withLock { Array($0.keys) }) : repairs.withLock { $0 }
        var reports: [RepairReport] = []
        for name in names.sorted() {
            guard let collection = loaded.withLock({ $0[name] }) else {
                repairs.withLock { _ = $0.remove(name) }
                continue
            }
            do {
                let counts = try await Self.reconcile(
                    collection.index, collectionID: collection.record.id, store: store)
                repairs.withLock { _ = $0.remove(name) }
                if counts.added + counts.removed > 0 { recordWrite(to: name) }
                reports.append(RepairReport(collection: name, added: counts.added, removed: counts.removed))
                logger.info(
                    "index repaired",
                    metadata: [
                        "collection": "\(name)", "added": "\(counts.added)", "removed": "\(counts.removed)",
                    ])
            } catch {
                reports.append(RepairReport(collection: name, added: 0, removed: 0, error: "\(error)"))
                logger.warning(
                    "index repair failed", metadata: ["collection": "\(name)", "error": "\(error)"])
            }
        }
        return reports
    }
}

/// What reconciling one collection's index with the store did.
public struct RepairReport: Sendable, Hashable, Codable {
    /// The collection.
    public var collection: String
    /// Faces of the store the index lacked, now added.
    public var added: Int
    /// Ids the index held that the store does not, now removed.
    public var removed: Int
    /// Why the repair failed, or nil.
    public var error: String?

    /// A report from its parts.
    public init(collection: String, added: Int, removed: Int, error: String? = nil) {
        self.collection = collection
        self.added = added
        self.removed = removed
        self.error = error
    }
}
