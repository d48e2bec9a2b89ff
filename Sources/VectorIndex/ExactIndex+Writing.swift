extension ExactIndex {
    /// Adds entries, all or none. Vectors are checked before any lock is taken;
    /// ids under the writers' mutex, where chunks are allocated and tables
    /// grown too; then the entries go in under the write lock 1024 at a time,
    /// O(dimension) each, so searches interleave with a large add (and may see
    /// part of it). Throws `.dimensionMismatch`, `.nonFiniteValue`,
    /// `.zeroVector` (cosine) or `.duplicateID` for the first bad entry, and
    /// `.outOfMemory` when the chunks for all of them cannot be mapped (they
    /// are mapped before the first entry goes in, so nothing is added then).
    public func add(_ entries: [IndexEntry]) throws(VectorIndexError) {
        guard !entries.isEmpty else { return }
        var scales: [Float] = []
        scales.reserveCapacity(entries.count)
        for entry in entries {
            scales.append(try VectorPreparation.scale(of: entry.vector, dimension: dimension, metric: metric))
        }
        try writers.withLock { _ throws(VectorIndexError) in
            var seen = Set<Int64>(minimumCapacity: entries.count)
            for entry in entries {
                guard store.slots[entry.id] == nil, seen.insert(entry.id).inserted else {
                    throw .duplicateID(entry.id)
                }
            }
            var start = 0
            while start < entries.count {
                let end = min(start + Self.writeSlice, entries.count)
                // The first slice maps chunks for every remaining entry: all or none.
                let prepared = try store.prepare(
                    adding: entries.count - start, growingTablesFor: start == 0 ? entries : nil)
                // The tables replaced are freed when the result is dropped, after the unlock.
                _ = lock.withWriteLock {
                    let replaced = store.install(prepared)
                    for index in start..<end { store.append(entries[index], scale: scales[index]) }
                    store.markChanged()
                    return replaced
                }
                start = end
            }
        }
    }

    /// Removes the entries with these ids, 1024 per write-lock hold, each in
    /// O(dimension): the last entry moves into the hole. Returns how many were
    /// present. Chunks beyond one spare are freed after the lock is released.
    @discardableResult
    public func remove(ids: some Sequence<Int64>) -> Int {
        let ids = Array(ids)
        return writers.withLock { _ in
            var removed = 0
            var start = 0
            while start < ids.count {
                let end = min(start + Self.writeSlice, ids.count)
                let slice = ids[start..<end]
                start = end
                guard slice.contains(where: { store.slots[$0] != nil }) else { continue }
                // The detached chunks are freed when the result is dropped, after the unlock.
                _ = lock.withWriteLock {
                    for id in slice {
                        if store.remove(id: id) { removed += 1 }
                    }
                    store.markChanged()
                    return store.detachSpareChunks()
                }
            }
            return removed
        }
    }

    /// Removes every entry and forgets the interned labels and metadata.
    /// Searches running meanwhile stop at their next unit.
    public func removeAll() {
        writers.withLock { _ in
            _ = lock.withWriteLock { store.reset() }
        }
    }
}
