/// The slots of an exact index: entries packed into slots `0..<count` of a
/// list of fixed-size chunks, with the id -> slot map and the interned attributes.
///
/// Removal moves the last entry into the hole, so slots stay dense and an
/// entry only ever moves to a lower slot; searches rely on that (see
/// `ExactIndex+Scan.swift`). Not thread-safe: `ExactIndex` guards it.
final class VectorStore {
    /// Tables that a writer replaces under the lock: new ones it prepared
    /// before taking it, or old ones to free after releasing it.
    struct Tables {
        var chunks: [VectorChunk] = []
        var slots: [Int64: Int]?
        var interner: AttributeInterner?
    }

    let dimension: Int
    /// Floats per row: the dimension rounded up to 16 (one `SIMD16<Float>`).
    let stride: Int
    /// Slots per chunk, as a power of two.
    let chunkShift: Int
    /// Chunks kept even when empty: the capacity asked for at creation (none
    /// when the system refused it then; they are mapped by the first add).
    let reservedChunks: Int
    private(set) var chunks: [VectorChunk] = []
    private(set) var count = 0
    private(set) var slots: [Int64: Int] = [:]
    private(set) var interner = AttributeInterner()
    /// Changes with every write, so a search can tell whether entries moved under it.
    private(set) var generation: UInt64 = 0
    /// Changes with every `reset()`, after which older interned ids mean nothing.
    private(set) var epoch: UInt64 = 0

    init(dimension: Int, chunkShift: Int, initialCapacity: Int) {
        self.dimension = dimension
        self.stride = (dimension + 15) / 16 * 16
        self.chunkShift = chunkShift
        chunks =
            (try? Self.makeChunks((initialCapacity + (1 << chunkShift) - 1) >> chunkShift, chunkShift, stride))
            ?? []
        reservedChunks = chunks.count
        slots.reserveCapacity(initialCapacity)
    }

    var chunkCapacity: Int { 1 << chunkShift }

    /// The chunk and the slot within it of an index-wide slot.
    @inline(__always)
    func locate(_ slot: Int) -> (chunk: VectorChunk, slot: Int) {
        (chunks[slot >> chunkShift], slot & (chunkCapacity - 1))
    }

    /// What must be allocated or grown, with every rehash or copy done here,
    /// outside the lock, so that adding `entries` under it takes O(dimension)
    /// per entry: chunks for `additions` more entries (the next slice), and on
    /// the first slice of an add, tables with room for all its `entries`.
    /// Called by the only writer, which may read the store without the lock.
    func prepare(adding additions: Int, growingTablesFor entries: [IndexEntry]?) throws(VectorIndexError)
        -> Tables
    {
        let missing = max(0, ((count + additions + chunkCapacity - 1) >> chunkShift) - chunks.count)
        var tables = Tables(chunks: try Self.makeChunks(missing, chunkShift, stride))
        guard let entries else { return tables }
        if slots.count + entries.count > slots.capacity {
            var grown = slots
            grown.reserveCapacity(max(slots.count + entries.count, 2 * slots.capacity))
            tables.slots = grown
        }
        tables.interner = interner.withRoom(for: entries)
        return tables
    }

    /// Installs tables from `prepare` and returns the ones they replace.
    func install(_ tables: Tables) -> Tables {
        chunks.append(contentsOf: tables.chunks)
        var replaced = Tables()
        if let grown = tables.slots {
            replaced.slots = slots
            slots = grown
        }
        if let grown = tables.interner {
            replaced.interner = interner
            interner = grown
        }
        return replaced
    }

    private static func makeChunks(_ number: Int, _ chunkShift: Int, _ stride: Int) throws(VectorIndexError)
        -> [VectorChunk]
    {
        var chunks: [VectorChunk] = []
        for _ in 0..<number { chunks.append(try VectorChunk(capacity: 1 << chunkShift, stride: stride)) }
        return chunks
    }

    /// Appends an entry whose vector was checked, scaled by `scale` (1, or 1/|v| for cosine).
    func append(_ entry: IndexEntry, scale: Float) {
        let (label, metadataSet) = interner.intern(entry.attributes)
        let (chunk, slot) = locate(count)
        chunk.write(
            slot, id: entry.id, vector: entry.vector, scale: scale, label: label, metadataSet: metadataSet)
        slots[entry.id] = count
        count += 1
    }

    /// Removes an entry by moving the last one into its slot; false if absent.
    func remove(id: Int64) -> Bool {
        guard let hole = slots.removeValue(forKey: id) else { return false }
        let last = count - 1
        if hole != last {
            let (target, targetSlot) = locate(hole)
            let (source, sourceSlot) = locate(last)
            target.copy(targetSlot, from: source, slot: sourceSlot)
            slots[target.ids[targetSlot]] = hole
        }
        count = last
        return true
    }

    /// Records that entries changed.
    func markChanged() { generation &+= 1 }

    /// Detaches the chunks beyond one spare past the last entry (and beyond the
    /// reserved ones), so that removals give memory back without thrashing.
    func detachSpareChunks() -> [VectorChunk] {
        let keep = max(reservedChunks, ((count + chunkCapacity - 1) >> chunkShift) + 1)
        guard chunks.count > keep else { return [] }
        defer { chunks.removeLast(chunks.count - keep) }
        return Array(chunks[keep...])
    }

    /// Empties the store and returns what it held, for freeing outside the lock.
    func reset() -> Tables {
        let garbage = Tables(chunks: Array(chunks[reservedChunks...]), slots: slots, interner: interner)
        chunks.removeLast(chunks.count - reservedChunks)
        slots = [:]
        interner = AttributeInterner()
        count = 0
        generation &+= 1
        epoch &+= 1
        return garbage
    }
}
