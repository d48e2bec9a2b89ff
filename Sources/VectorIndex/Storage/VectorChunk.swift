#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One fixed-size block of slots: the vectors (each row padded with zeros to a
/// multiple of 16 floats so the kernels need no tail loop), and beside them
/// each slot's id and interned label and metadata set.
///
/// The index grows by adding chunks, so growing never copies the gallery. Each
/// chunk is one anonymous `mmap` region (page-aligned, so rows are 64-byte
/// aligned) rather than `malloc` memory: glibc keeps large freed blocks in its
/// heap once its mmap threshold has risen, so a removed collection's memory
/// would stay resident; unmapping gives it back to the system at once.
/// Not thread-safe: the index's lock guards every access.
final class VectorChunk {
    /// Slots in the chunk.
    let capacity: Int
    /// Floats per row (the dimension rounded up to 16).
    let stride: Int
    /// Bytes mapped for the chunk.
    let byteCount: Int
    let vectors: UnsafeMutablePointer<Float>
    let ids: UnsafeMutablePointer<Int64>
    let labels: UnsafeMutablePointer<UInt32>
    let metadataSets: UnsafeMutablePointer<UInt32>
    private let region: UnsafeMutableRawPointer

    /// A chunk of zeroed slots; only slots below the index's count are ever
    /// read. Throws `outOfMemory` when the system refuses the mapping.
    init(capacity: Int, stride: Int) throws(VectorIndexError) {
        self.capacity = capacity
        self.stride = stride
        let vectorBytes = capacity * stride * MemoryLayout<Float>.stride
        let idBytes = capacity * MemoryLayout<Int64>.stride
        let attributeBytes = capacity * MemoryLayout<UInt32>.stride
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        byteCount = (vectorBytes + idBytes + 2 * attributeBytes + page - 1) / page * page
        let mapped = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapped, mapped != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw .outOfMemory(
                "cannot map \(byteCount) bytes for vectors: \(String(cString: strerror(errno)))")
        }
        region = mapped
        vectors = mapped.bindMemory(to: Float.self, capacity: capacity * stride)
        ids = (mapped + vectorBytes).bindMemory(to: Int64.self, capacity: capacity)
        labels = (mapped + vectorBytes + idBytes).bindMemory(to: UInt32.self, capacity: capacity)
        metadataSets = (mapped + vectorBytes + idBytes + attributeBytes)
            .bindMemory(to: UInt32.self, capacity: capacity)
    }

    deinit { munmap(region, byteCount) }

    /// The row of a slot.
    @inline(__always)
    func row(_ slot: Int) -> UnsafeMutablePointer<Float> { vectors + slot &* stride }

    /// Writes a slot: `vector` times `scale`, zero padding, id and attributes.
    func write(
        _ slot: Int, id: Int64, vector: [Float], scale: Float, label: UInt32, metadataSet: UInt32
    ) {
        let row = row(slot)
        vector.withUnsafeBufferPointer { source in
            for index in source.indices { row[index] = source[index] * scale }
        }
        (row + vector.count).update(repeating: 0, count: stride - vector.count)
        ids[slot] = id
        labels[slot] = label
        metadataSets[slot] = metadataSet
    }

    /// Copies slot `source` of `chunk` into slot `target` of this chunk.
    func copy(_ target: Int, from chunk: VectorChunk, slot source: Int) {
        row(target).update(from: chunk.row(source), count: stride)
        ids[target] = chunk.ids[source]
        labels[target] = chunk.labels[source]
        metadataSets[target] = chunk.metadataSets[source]
    }
}
