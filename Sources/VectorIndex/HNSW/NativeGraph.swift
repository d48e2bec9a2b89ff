import CHnswShim
import CShimSupport

/// The hnswlib graph behind fs_hnsw.h, owned by one `HNSWIndex`, which holds
/// its lock around every call (see the header for which calls may overlap).
/// `@unchecked Sendable`: the pointer is only used under that lock.
final class NativeGraph: @unchecked Sendable {
    let pointer: OpaquePointer

    /// An empty graph of `capacity` rows of `stride` floats.
    init(stride: Int, metric: DistanceMetric, capacity: Int, parameters: HNSWParameters, seed: UInt64)
        throws(VectorIndexError)
    {
        var error = fsd_error()
        guard
            let made = fsh_create(
                Int32(stride), Self.space(metric), Int64(capacity), Int32(parameters.m),
                Int32(parameters.efConstruction), seed, &error)
        else { throw Self.failure(error) }
        pointer = made
    }

    /// The graph saved at `path`.
    init(loading path: String, stride: Int, metric: DistanceMetric) throws(VectorIndexError) {
        var error = fsd_error()
        guard let made = fsh_load(path, Int32(stride), Self.space(metric), &error) else {
            throw Self.failure(error)
        }
        pointer = made
    }

    deinit { fsh_destroy(pointer) }

    /// Counts and shape, in constant time.
    var statistics: fsh_statistics { fsh_statistics_of(pointer) }

    /// Bytes held, estimated by walking every node.
    var memoryBytes: Int { Int(fsh_memory_bytes(pointer)) }

    /// Makes room for `capacity` rows.
    func reserve(_ capacity: Int) throws(VectorIndexError) {
        var error = fsd_error()
        guard fsh_reserve(pointer, Int64(capacity), &error) == 0 else { throw Self.failure(error) }
    }

    /// Merges the rows a `reserve` copied into huge pages; runs beside searches.
    func settlePages() { _ = fsh_settle_pages(pointer) }

    /// Inserts one prepared row.
    func add(_ row: UnsafePointer<Float>, id: Int64) throws(VectorIndexError) {
        var error = fsd_error()
        guard fsh_add(pointer, row, id, &error) == 0 else { throw Self.failure(error) }
    }

    /// Marks an id deleted; whether it was present.
    func markDeleted(_ id: Int64) -> Bool {
        var error = fsd_error()
        return fsh_mark_deleted(pointer, id, &error) == 1
    }

    /// The stored row of a present id.
    func row(_ id: Int64) -> UnsafePointer<Float>? { fsh_vector(pointer, id) }

    /// Every present id.
    func ids() -> [Int64] {
        let count = Int(fsh_labels(pointer, nil, 0))
        return [Int64](unsafeUninitializedCapacity: count) { buffer, written in
            written = Int(fsh_labels(pointer, buffer.baseAddress, Int64(count)))
        }
    }

    /// Up to `k` present ids nearest to a prepared query, nearest first.
    func search(_ query: UnsafePointer<Float>, k: Int, ef: Int) throws(VectorIndexError) -> [Int64] {
        var labels = [Int64](repeating: 0, count: k)
        var distances = [Float](repeating: 0, count: k)
        var error = fsd_error()
        let found = fsh_search(pointer, query, Int32(k), Int32(ef), &labels, &distances, &error)
        guard found >= 0 else { throw Self.failure(error) }
        return Array(labels.prefix(Int(found)))
    }

    /// How many present rows no search can reach (see `fsh_unreachable_nodes`); walks every link.
    var unreachableCount: Int { Int(fsh_unreachable_nodes(pointer, nil, 0)) }

    /// The internal numbers of the present rows no search can reach, in one
    /// walk: the room is every slot, which no list can exceed.
    func unreachableNodes() -> [UInt32] {
        let room = Int(statistics.slots)
        return [UInt32](unsafeUninitializedCapacity: room) { buffer, written in
            written = min(room, Int(fsh_unreachable_nodes(pointer, buffer.baseAddress, Int64(room))))
        }
    }

    /// Up to `count` reachable rows nearest to row `node`, nearest first,
    /// padded with `UInt32.max` to `count`. Reads the graph only.
    func linkCandidates(of node: UInt32, count: Int) throws(VectorIndexError) -> [UInt32] {
        var candidates = [UInt32](repeating: .max, count: count)
        var error = fsd_error()
        guard fsh_link_candidates(pointer, node, &candidates, Int32(count), &error) >= 0 else {
            throw Self.failure(error)
        }
        return candidates
    }

    /// Links each of `nodes` in from the first usable row of its `perNode`
    /// candidates; returns how many were linked. Needs the graph alone.
    func linkIn(_ nodes: [UInt32], candidates: [UInt32], perNode: Int) throws(VectorIndexError) -> Int {
        var error = fsd_error()
        let linked = fsh_link_in(pointer, nodes, candidates, Int32(perNode), Int64(nodes.count), &error)
        guard linked >= 0 else { throw Self.failure(error) }
        return Int(linked)
    }

    /// Writes the graph to `path`.
    func save(to path: String) throws(VectorIndexError) {
        var error = fsd_error()
        guard fsh_save(pointer, path, &error) == 0 else { throw Self.failure(error) }
    }

    /// The distance kernels this processor runs.
    static var kernelName: String { String(cString: fsh_kernel_name()) }

    /// Whether graphs made, loaded or grown from now on ask for huge pages.
    static func useHugePages(_ wanted: Bool) { fsh_use_huge_pages(wanted ? 1 : 0) }

    /// Whether graphs made from now on are walked on one-byte codes.
    static func useCodes(_ wanted: Bool) { fsh_use_codes(wanted ? 1 : 0) }

    private static func space(_ metric: DistanceMetric) -> Int32 {
        Int32(metric == .euclidean ? FSH_SPACE_L2 : FSH_SPACE_INNER_PRODUCT)
    }

    private static func failure(_ error: fsd_error) -> VectorIndexError {
        let message = withUnsafeBytes(of: error.message) {
            String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
        }
        switch Int(error.code) {
        case Int(FSD_ERROR_MEMORY): return .outOfMemory(message)
        case Int(FSD_ERROR_MODEL): return .corruptFile(message)
        default: return .backendFailure(message)
        }
    }
}
