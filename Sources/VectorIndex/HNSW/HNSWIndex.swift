import Foundation
import Synchronization

/// An approximate nearest-neighbour index in process memory: a hierarchical
/// navigable small-world graph (hnswlib 0.6.2, the reference implementation,
/// through the CHnswShim target). A search visits a few hundred vectors
/// instead of all of them, so its cost grows with the logarithm of the
/// gallery, not with its size; it may miss a true neighbour (recall below 1,
/// set by `ef`), and every distance it reports is exact.
///
/// Storage: the graph holds each vector once, prepared like `ExactIndex`'s
/// rows (unit length for cosine, zero-padded to a multiple of 16 floats), so
/// reported distances are computed by the same kernels and agree bit for bit
/// with the exact index's. Removal marks the vector deleted; its slot is
/// reclaimed only by `compact()`.
///
/// Filters: a filtered search gives the exact index's answer whenever the
/// filter is selective (see `search(_:k:filter:)`).
///
/// Concurrency: searches run side by side. hnswlib must not search while a
/// vector is inserted, so a pthread read-write lock guards the graph: searches
/// take it shared, writers alone for at most `writeSlice` vectors at a time;
/// writers queue on a `Mutex` among themselves, which keeps an `add`
/// all-or-nothing. `@unchecked Sendable`: `graph` and `attributes` are only
/// read under the read lock and only written under the write lock while
/// holding `writers`.
public final class HNSWIndex: VectorIndex, @unchecked Sendable {
    /// Values per vector.
    public let dimension: Int
    /// How distances are measured.
    public let metric: DistanceMetric
    /// The graph's shape; `ef` is the search width now in force.
    public var parameters: HNSWParameters {
        var parameters = shape
        parameters.ef = searchWidth.load(ordering: .relaxed)
        return parameters
    }
    /// Floats per stored row: the dimension rounded up to 16.
    let stride: Int
    let shape: HNSWParameters
    let searchWidth: Atomic<Int>
    let changes = Atomic(0)
    let seed: UInt64
    let lock = ReadWriteLock()
    let writers = Mutex(())
    var graph: NativeGraph
    var attributes = AttributeTable()

    /// Vectors a writer inserts per write-lock hold.
    static let writeSlice = 128

    /// An empty index. `capacity` reserves room up front (it grows anyway);
    /// `seed` fixes the graph's random levels. Throws `.invalidParameters`.
    public init(
        dimension: Int, metric: DistanceMetric, parameters: HNSWParameters = .default, capacity: Int = 1024,
        seed: UInt64 = 100
    ) throws(VectorIndexError) {
        precondition(dimension > 0, "the dimension must be positive")
        if let problem = parameters.problem { throw .invalidParameters(problem) }
        self.dimension = dimension
        self.metric = metric
        self.shape = parameters
        self.seed = seed
        stride = (dimension + 15) / 16 * 16
        searchWidth = Atomic(parameters.ef)
        graph = try NativeGraph(
            stride: stride, metric: metric, capacity: max(capacity, 16), parameters: parameters, seed: seed)
    }

    /// An index around a loaded graph.
    init(dimension: Int, metric: DistanceMetric, parameters: HNSWParameters, graph: NativeGraph) {
        self.dimension = dimension
        self.metric = metric
        self.shape = parameters
        self.seed = 100
        self.graph = graph
        stride = (dimension + 15) / 16 * 16
        searchWidth = Atomic(parameters.ef)
    }

    /// Changes the search width for the searches that start from now on.
    public func setSearchWidth(_ ef: Int) throws(VectorIndexError) {
        var changed = shape
        changed.ef = ef
        if let problem = changed.problem { throw .invalidParameters(problem) }
        searchWidth.store(ef, ordering: .relaxed)
    }

    /// A number that grows with every change of the graph (an add, a removal
    /// that found something, a restore that changed something, a compaction):
    /// whoever saves the graph compares it with the one it saved.
    public var revision: Int { changes.load(ordering: .acquiring) }

    /// Entries in the index (deleted slots not counted).
    public var count: Int { lock.withReadLock { graphCount } }

    /// Slots that removed entries still hold until `compact()`.
    public var deletedCount: Int { lock.withReadLock { Int(graph.statistics.deleted) } }

    /// Bytes held for the graph (vectors, links, locks, the id map),
    /// estimated from its sizes by walking every node (a few milliseconds a
    /// million); labels and metadata are not counted.
    public var residentBytes: Int { lock.withReadLock { graph.memoryBytes } }

    /// Whether the kernel backs the graph's bottom layer (its vectors and
    /// links) with huge pages, which spares a search most of its TLB misses;
    /// false off Linux or where transparent huge pages are off.
    public var onHugePages: Bool { lock.withReadLock { graph.statistics.huge_pages != 0 } }

    /// Whether graphs made, loaded or grown from now on ask the kernel for
    /// huge pages (the default). Off only to measure what they buy; graphs
    /// already made keep their pages.
    public static func useHugePages(_ wanted: Bool) { NativeGraph.useHugePages(wanted) }

    /// Whether the graph is walked on one-byte codes of its vectors (each
    /// search then scores the candidates it keeps on their floats), rather
    /// than on the floats themselves. Graphs saved before codes existed load
    /// on floats until they are built again (`compact()`).
    public var navigatesOnCodes: Bool { lock.withReadLock { graph.statistics.codes != 0 } }

    /// Whether graphs made from now on are walked on codes (the default).
    /// Off only to measure what codes buy; graphs already made keep theirs.
    public static func useCodes(_ wanted: Bool) { NativeGraph.useCodes(wanted) }

    /// The distance kernels this processor runs ("avx2+fma" or "portable").
    public static var kernelName: String { NativeGraph.kernelName }

    /// Whether an entry with this id is present.
    public func contains(id: Int64) -> Bool { lock.withReadLock { graph.row(id) != nil } }

    /// The ids of all entries, in no particular order.
    public func ids() -> [Int64] { lock.withReadLock { graph.ids() } }

    /// The stored vector of an entry (normalised to unit length for cosine), or nil.
    public func vector(id: Int64) -> [Float]? {
        lock.withReadLock {
            guard let row = graph.row(id) else { return nil }
            return Array(UnsafeBufferPointer(start: row, count: dimension))
        }
    }

    var graphCount: Int {
        let statistics = graph.statistics
        return Int(statistics.slots - statistics.deleted)
    }
}
