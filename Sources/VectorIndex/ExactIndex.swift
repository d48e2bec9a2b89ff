import Synchronization

/// An exact nearest-neighbour index in process memory: every search scores
/// every vector that passes its filter, so results are the true top `k`.
/// A scan of a million 128-D vectors is bound by reading 512 MB from memory:
/// 44-48 ms on one core of the reference machine (faiss's flat index: 40 ms),
/// about 2 ms for 100,000 (in cache); a batch reuses each slice of rows for up
/// to 16 queries, about 48 queries/s per core at a million.
///
/// Storage: vectors sit in contiguous, 64-byte aligned `Float` rows, in chunks
/// of `vectorsPerChunk` rows, so growth never copies the gallery. Removal moves
/// the last row into the hole. Cosine indexes store unit-length vectors.
///
/// Concurrency: searches run side by side, and beside adds and removals. A
/// pthread read-write lock (see `ReadWriteLock`) guards the storage; a search
/// takes it for one unit of about 512 KiB of rows at a time, a writer for at
/// most 1024 entries at a time, so neither waits long for the other. Writers
/// queue on a `Mutex` among themselves, which keeps an `add` all-or-nothing.
/// A search sees every entry that is present for its whole duration exactly
/// once, with the vector it had; entries added or removed while it runs may
/// or may not be seen; an entry removed before it started is never returned.
///
/// `@unchecked Sendable`: the mutable state lives in `store`, which is only
/// read under the read lock and only written under the write lock while
/// holding `writers` (writers also read it holding `writers` alone, which is
/// safe because nobody else writes it).
public final class ExactIndex: VectorIndex, @unchecked Sendable {
    /// Values per vector.
    public let dimension: Int
    /// How distances are measured.
    public let metric: DistanceMetric
    let store: VectorStore
    let lock = ReadWriteLock()
    let writers = Mutex(())
    /// Slots a search scans per read-lock hold (a power of two within one chunk).
    let unitShift: Int

    /// Entries a writer adds or removes per write-lock hold.
    static let writeSlice = 1024
    /// The target bytes of rows per scan unit: large enough to stream from
    /// memory efficiently, small enough to stay in L2 while a batch reuses it.
    static let unitBytes = 1 << 19

    /// An empty index. `initialCapacity` allocates chunks up front (kept after
    /// `removeAll()`); `vectorsPerChunk` is rounded up to a power of two.
    public init(
        dimension: Int, metric: DistanceMetric, initialCapacity: Int = 0, vectorsPerChunk: Int = 16_384
    ) {
        precondition(dimension > 0, "the dimension must be positive")
        precondition(vectorsPerChunk > 0, "a chunk must hold at least one vector")
        self.dimension = dimension
        self.metric = metric
        let chunkShift = Int.bitWidth - (vectorsPerChunk - 1).leadingZeroBitCount
        store = VectorStore(
            dimension: dimension, chunkShift: chunkShift, initialCapacity: max(initialCapacity, 0))
        let rowsPerUnit = max(Self.unitBytes / (store.stride * MemoryLayout<Float>.stride), 16)
        unitShift = min(chunkShift, Int.bitWidth - 1 - rowsPerUnit.leadingZeroBitCount)
    }

    /// Entries in the index.
    public var count: Int { lock.withReadLock { store.count } }

    /// Bytes allocated for vectors, ids and interned attributes, plus an
    /// estimate of the id -> slot map.
    public var residentBytes: Int {
        lock.withReadLock {
            let chunks = store.chunks.reduce(0) { $0 + $1.byteCount }
            let capacity = store.slots.capacity
            // A native dictionary keeps at most 3/4 of a power-of-two number of buckets filled.
            let buckets = capacity == 0 ? 0 : 1 << (Int.bitWidth - (capacity * 4 / 3 - 1).leadingZeroBitCount)
            return chunks + buckets * (MemoryLayout<Int64>.stride + MemoryLayout<Int>.stride) + buckets / 8
        }
    }

    /// Whether an entry with this id is present.
    public func contains(id: Int64) -> Bool { lock.withReadLock { store.slots[id] != nil } }

    /// The ids of all entries, in slot order (which changes as entries are removed).
    public func ids() -> [Int64] {
        lock.withReadLock {
            var ids: [Int64] = []
            ids.reserveCapacity(store.count)
            var slot = 0
            while slot < store.count {
                let (chunk, first) = store.locate(slot)
                let run = min(store.chunkCapacity - first, store.count - slot)
                ids.append(contentsOf: UnsafeBufferPointer(start: chunk.ids + first, count: run))
                slot += run
            }
            return ids
        }
    }

    /// The stored vector of an entry (normalised to unit length for cosine), or nil.
    public func vector(id: Int64) -> [Float]? {
        lock.withReadLock {
            guard let slot = store.slots[id] else { return nil }
            let (chunk, row) = store.locate(slot)
            return Array(UnsafeBufferPointer(start: chunk.row(row), count: dimension))
        }
    }
}
