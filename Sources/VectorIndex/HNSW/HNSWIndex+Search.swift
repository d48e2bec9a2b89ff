import Dispatch
import Synchronization

extension HNSWIndex {
    /// The `k` nearest entries to `query` that pass `filter`, by ascending
    /// distance, equal distances by ascending id. Runs on the calling thread.
    ///
    /// Unfiltered, the graph is searched with width `max(ef, k)`: approximate.
    /// With a label or metadata filter, the entries it admits are counted
    /// first (from the attribute tables, without visiting the graph):
    /// - at most `exactScanLimit(k:count:)` of them, about √(64·k·n), and they
    ///   are all scored: the exact index's answer, bit for bit;
    /// - more, and the graph is asked for enough neighbours that about twice
    ///   `k` of them should pass (k·n/admitted·2), which are kept; should fewer
    ///   than `k` pass, the admitted entries are all scored after all.
    /// Excluded ids are asked for on top and dropped.
    /// Throws `.invalidK`, `.dimensionMismatch`, `.nonFiniteValue` or `.zeroVector`.
    public func search(_ query: [Float], k: Int, filter: IndexFilter) throws(VectorIndexError) -> [IndexHit] {
        guard k >= 1 else { throw .invalidK(k) }
        let block = try QueryBlock.prepare([query], dimension: dimension, stride: stride, metric: metric)
        return try lock.withReadLock { () throws(VectorIndexError) in
            try searchLocked(block.row(0), k: k, filter: filter)
        }
    }

    /// One result list per query, as `search(_:k:filter:)` gives it, on up to
    /// `threads` threads (the calling thread and Dispatch's). Every query is
    /// checked before any search.
    public func search(batch queries: [[Float]], k: Int, filter: IndexFilter, threads: Int)
        throws(VectorIndexError) -> [[IndexHit]]
    {
        guard k >= 1 else { throw .invalidK(k) }
        let block = try QueryBlock.prepare(queries, dimension: dimension, stride: stride, metric: metric)
        let results = Mutex([[IndexHit]](repeating: [], count: queries.count))
        let failure = Mutex<VectorIndexError?>(nil)
        let next = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, queries.count))) { _ in
            while case let index = next.wrappingAdd(1, ordering: .relaxed).oldValue, index < queries.count {
                do throws(VectorIndexError) {
                    let hits = try lock.withReadLock { () throws(VectorIndexError) in
                        try searchLocked(block.row(index), k: k, filter: filter)
                    }
                    results.withLock { $0[index] = hits }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0 }
    }

    /// The most admitted entries a filtered search scores one by one:
    /// √(64·k·n). Scoring c entries costs c distances; asking the graph for
    /// k·n/c·2 neighbours costs about 30 distances each, so the two meet near
    /// c = √(60·k·n) (25,000 for k = 10 in a million).
    public static func exactScanLimit(k: Int, count: Int) -> Int {
        Int((64 * Double(k) * Double(count)).squareRoot())
    }

    /// A search under the read lock, on a prepared query row.
    func searchLocked(_ query: UnsafeRawPointer, k: Int, filter: IndexFilter) throws(VectorIndexError)
        -> [IndexHit]
    {
        let live = graphCount
        guard live > 0 else { return [] }
        let excluded = filter.excludedIDs
        guard filter.label != nil || !filter.metadata.isEmpty else {
            let fetch = min(live, k + excluded.count)
            return rescore(try neighbours(query, fetch), query: query, k: k, excluded: excluded)
        }
        guard let compiled = attributes.interner.compile(filter) else { return [] }
        let admitted = min(live, attributes.candidateCount(compiled))
        if admitted > Self.exactScanLimit(k: k, count: live) {
            let wanted = Double(k) * Double(live) / Double(admitted) * 2
            let fetch = min(live, Int(wanted.rounded(.up)) + excluded.count)
            let passing = try neighbours(query, fetch).filter { attributes.admits($0, compiled) }
            let hits = rescore(passing, query: query, k: k, excluded: excluded)
            if hits.count == k || fetch == live { return hits }
        }
        return rescore(attributes.candidates(compiled), query: query, k: k, excluded: excluded)
    }

    /// The graph's `fetch` nearest ids, searched at width `max(ef, fetch)`.
    private func neighbours(_ query: UnsafeRawPointer, _ fetch: Int) throws(VectorIndexError) -> [Int64] {
        let ef = max(searchWidth.load(ordering: .relaxed), fetch)
        return try graph.search(query.assumingMemoryBound(to: Float.self), k: fetch, ef: ef)
    }

    /// The best `k` of `ids` by the exact index's kernels, excluded ids dropped.
    private func rescore(_ ids: [Int64], query: UnsafeRawPointer, k: Int, excluded: Set<Int64>) -> [IndexHit]
    {
        switch metric {
        case .euclidean: rescore(ids, query, k, excluded, SquaredEuclideanKernel.self)
        case .cosine: rescore(ids, query, k, excluded, CosineKernel.self)
        }
    }

    private func rescore<Kernel: DistanceKernel>(
        _ ids: [Int64], _ query: UnsafeRawPointer, _ k: Int, _ excluded: Set<Int64>, _: Kernel.Type
    ) -> [IndexHit] {
        let bytes = stride * MemoryLayout<Float>.stride
        var heap = TopKHeap(k: k, expectedCount: ids.count, excludedIDs: excluded)
        for id in ids {
            guard let row = graph.row(id) else { continue }
            let score = Kernel.score(UnsafeRawPointer(row), query, bytes: bytes)
            if score <= heap.threshold { heap.offer(score: score, id: id) }
        }
        return heap.hits(Kernel.self)
    }
}
