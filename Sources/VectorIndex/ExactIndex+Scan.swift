extension ExactIndex {
    /// Searches the whole index for the queries `group` of `queries`, which
    /// share `filter`, and returns their hits in order.
    ///
    /// The scan takes the read lock once per unit (about 512 KiB of rows), from
    /// the unit holding the last entry down to slot 0, so writers get in between
    /// units. Why this still finds every entry present for the whole search:
    /// entries only move to lower slots (removal moves the last entry into a
    /// hole) and new ones go at the end. An entry below unit u's start when u
    /// is scanned stays below it; it cannot have been in any unit above (it
    /// would have been seen there) unless it moved down, which it can only do
    /// into a unit not yet scanned. So it is met in some unit. The price of
    /// moving entries is that one can be met twice; once the index has changed
    /// under a search (its generation moved), each heap keeps one hit per id.
    /// Entries removed earlier are gone from every slot below the count, and
    /// `removeAll()` (a new epoch) ends the scan, as every entry it could still
    /// meet was added after it started.
    func scanAll(_ queries: QueryBlock, group: Range<Int>, k: Int, filter: IndexFilter) -> [[IndexHit]] {
        let (compiled, count, generation, epoch) = lock.withReadLock {
            (store.interner.compile(filter), store.count, store.generation, store.epoch)
        }
        guard let compiled, count > 0 else { return Array(repeating: [], count: group.count) }
        var heaps = group.map { _ in TopKHeap(k: k, expectedCount: count, excludedIDs: compiled.excludedIDs) }
        let admission = AdmitMatching(compiled)
        var deduplicating = false
        var unit = (count - 1) >> unitShift
        while unit >= 0 {
            let carryOn = lock.withReadLock {
                guard store.epoch == epoch else { return false }
                if !deduplicating && store.generation != generation {
                    deduplicating = true
                    for index in heaps.indices { heaps[index].deduplicate() }
                }
                let lower = unit << unitShift
                let upper = min(lower + (1 << unitShift), store.count)
                if upper > lower {
                    let (chunk, first) = store.locate(lower)
                    let slots = first..<(first + upper - lower)
                    switch (metric, compiled.checksAttributes) {
                    case (.euclidean, false):
                        UnitScan.run(
                            SquaredEuclideanKernel.self, AdmitAll(), chunk: chunk, slots: slots,
                            queries: queries, group: group, heaps: &heaps)
                    case (.euclidean, true):
                        UnitScan.run(
                            SquaredEuclideanKernel.self, admission, chunk: chunk, slots: slots,
                            queries: queries, group: group, heaps: &heaps)
                    case (.cosine, false):
                        UnitScan.run(
                            CosineKernel.self, AdmitAll(), chunk: chunk, slots: slots, queries: queries,
                            group: group, heaps: &heaps)
                    case (.cosine, true):
                        UnitScan.run(
                            CosineKernel.self, admission, chunk: chunk, slots: slots, queries: queries,
                            group: group, heaps: &heaps)
                    }
                }
                return true
            }
            guard carryOn else { break }
            unit -= 1
        }
        return heaps.map(hits(from:))
    }

    /// A heap's candidates as hits, best first.
    private func hits(from heap: TopKHeap) -> [IndexHit] {
        switch metric {
        case .euclidean: heap.hits(SquaredEuclideanKernel.self)
        case .cosine: heap.hits(CosineKernel.self)
        }
    }
}
