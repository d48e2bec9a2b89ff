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

    /// Writes the graph to `path`.
    func save(to path: String) throws(VectorIndexError) {
        var error = fsd_error()
        guard fsh_save(pointer, path, &error) == 0 else { throw Self.failure(error) }
    }

    /// The distance kernels this processor runs.
    static var kernelName: String { String(cString: fsh_kernel_name()) }

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
