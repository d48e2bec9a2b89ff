import Dispatch
import Foundation
import Synchronization

extension HNSWIndex {
    /// Adds entries, all or none. Vectors are checked before any lock is
    /// taken, ids and room under the writers' mutex; then the vectors go into
    /// the graph under the write lock `writeSlice` at a time, inserted by up to
    /// one thread per core, so searches interleave with a large add (and may
    /// see part of it). Throws `.dimensionMismatch`, `.nonFiniteValue`,
    /// `.zeroVector` (cosine) or `.duplicateID` for the first bad entry, and
    /// `.outOfMemory` when room cannot be made (then nothing was added).
    public func add(_ entries: [IndexEntry]) throws(VectorIndexError) {
        guard !entries.isEmpty else { return }
        let rows = try QueryBlock.prepare(
            entries.map(\.vector), dimension: dimension, stride: stride, metric: metric)
        try writers.withLock { _ throws(VectorIndexError) in
            var seen = Set<Int64>(minimumCapacity: entries.count)
            for entry in entries {
                // Only writers change the graph, and this one holds `writers`.
                guard graph.row(entry.id) == nil, seen.insert(entry.id).inserted else {
                    throw .duplicateID(entry.id)
                }
            }
            try makeRoom(for: entries.count)
            var start = 0
            while start < entries.count {
                let end = min(start + Self.writeSlice, entries.count)
                let first = start
                do throws(VectorIndexError) {
                    try lock.withWriteLock { () throws(VectorIndexError) in
                        try Self.insert(into: graph, count: end - first) { offset in
                            (entries[first + offset].id, rows.row(first + offset))
                        }
                        for entry in entries[start..<end] { attributes.set(entry.attributes, for: entry.id) }
                    }
                } catch {
                    // Whatever went in of this add comes out again.
                    lock.withWriteLock {
                        for entry in entries[..<end] where graph.markDeleted(entry.id) {
                            attributes.remove(entry.id)
                        }
                    }
                    throw error
                }
                start = end
            }
            changes.add(1, ordering: .releasing)
        }
    }

    /// Removes the entries with these ids, 1024 per write-lock hold, and
    /// returns how many were present. Their slots stay used until `compact()`.
    @discardableResult
    public func remove(ids: some Sequence<Int64>) -> Int {
        let ids = Array(ids)
        return writers.withLock { _ in
            var removed = 0
            var start = 0
            while start < ids.count {
                let slice = ids[start..<min(start + 1024, ids.count)]
                start = slice.endIndex
                lock.withWriteLock {
                    for id in slice where graph.markDeleted(id) {
                        attributes.remove(id)
                        removed += 1
                    }
                }
            }
            if removed > 0 { changes.add(1, ordering: .releasing) }
            return removed
        }
    }

    /// Removes every entry, deleted slots included, and forgets the interned
    /// labels and metadata.
    public func removeAll() throws(VectorIndexError) {
        try writers.withLock { _ throws(VectorIndexError) in
            let empty = try NativeGraph(
                stride: stride, metric: metric, capacity: 1024, parameters: shape, seed: seed)
            lock.withWriteLock {
                graph = empty
                attributes.removeAll()
            }
            changes.add(1, ordering: .releasing)
        }
    }

    /// Rebuilds the graph from the present entries, which frees the slots of
    /// removed ones, and links in any entry the build left unreachable
    /// (`relink()`). Searches go on meanwhile on the old graph; writes wait
    /// until the new one is swapped in. Returns the slots reclaimed.
    @discardableResult
    public func compact() throws(VectorIndexError) -> Int {
        try writers.withLock { _ throws(VectorIndexError) in
            // Rows cannot move while this writer holds `writers`: reading them needs no lock.
            let ids = graph.ids()
            let before = Int(graph.statistics.slots)
            let fresh = try NativeGraph(
                stride: stride, metric: metric, capacity: max(ids.count, 16), parameters: shape, seed: seed)
            let old = graph
            try Self.insert(into: fresh, count: ids.count) { offset in
                (ids[offset], UnsafeRawPointer(old.row(ids[offset])!))
            }
            // Nothing searches the new graph yet: link what the build stranded before it serves.
            _ = try Self.relink(fresh, lock: nil)
            lock.withWriteLock { graph = fresh }
            changes.add(1, ordering: .releasing)
            return before - ids.count
        }
    }

    /// Grows the graph, if needed, to hold `extra` more vectors: to twice its
    /// room at least, so a gallery growing one photo at a time resizes rarely.
    /// The copy needs the graph alone; merging its pages into huge ones (about
    /// a second per 700 MiB) then runs beside searches. Called by writers only.
    func makeRoom(for extra: Int) throws(VectorIndexError) {
        let statistics = graph.statistics
        let needed = Int(statistics.slots) + extra
        guard needed > Int(statistics.capacity) else { return }
        try lock.withWriteLock { () throws(VectorIndexError) in
            try graph.reserve(max(needed, 2 * Int(statistics.capacity)))
        }
        lock.withReadLock { graph.settlePages() }
    }

    /// Inserts `count` rows into `target` on up to one thread per core (the
    /// calling thread and Dispatch's); hnswlib's insertions lock the nodes
    /// they link, so they may overlap one another, but never a search.
    static func insert(
        into target: NativeGraph, count: Int, entry: @Sendable (Int) -> (id: Int64, row: UnsafeRawPointer)
    ) throws(VectorIndexError) {
        let threads = count >= 32 ? min(ProcessInfo.processInfo.activeProcessorCount, count / 16) : 1
        let failure = Mutex<VectorIndexError?>(nil)
        let next = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while case let offset = next.wrappingAdd(1, ordering: .relaxed).oldValue, offset < count {
                let (id, row) = entry(offset)
                do throws(VectorIndexError) {
                    try target.add(row.assumingMemoryBound(to: Float.self), id: id)
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                    return
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
