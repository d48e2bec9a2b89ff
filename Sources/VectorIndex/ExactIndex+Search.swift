import Dispatch
import Synchronization

extension ExactIndex {
    /// The most queries a batch search scans the index for together.
    static let queriesPerGroup = 16

    /// The `k` nearest entries to `query` that pass `filter`, by ascending
    /// distance, equal distances by ascending id; all that pass when fewer
    /// than `k` do. Runs on the calling thread. Throws `.invalidK`,
    /// `.dimensionMismatch`, `.nonFiniteValue` or `.zeroVector` (cosine).
    public func search(_ query: [Float], k: Int, filter: IndexFilter) throws(VectorIndexError) -> [IndexHit] {
        guard k >= 1 else { throw .invalidK(k) }
        let block = try QueryBlock.prepare(
            [query], dimension: dimension, stride: store.stride, metric: metric)
        return scanAll(block, group: 0..<1, k: k, filter: filter)[0]
    }

    /// One result list per query, equal to what `search(_:k:filter:)` returns
    /// for it. Queries are scanned in groups of up to 16 that read each unit of
    /// rows while it is in cache; groups are shared out to `threads` threads
    /// (the calling thread and Dispatch's, never Swift's cooperative pool), and
    /// made smaller when there are fewer queries than threads times 16; 1 or
    /// less means the calling thread only. Every query is checked before any scan.
    public func search(batch queries: [[Float]], k: Int, filter: IndexFilter, threads: Int)
        throws(VectorIndexError) -> [[IndexHit]]
    {
        guard k >= 1 else { throw .invalidK(k) }
        let block = try QueryBlock.prepare(
            queries, dimension: dimension, stride: store.stride, metric: metric)
        let total = queries.count
        let threads = max(threads, 1)
        let size = max(1, min(Self.queriesPerGroup, (total + threads - 1) / threads))
        let groups = (total + size - 1) / size
        var results = [[IndexHit]](repeating: [], count: total)
        results.withUnsafeMutableBufferPointer { buffer in
            let output = ResultSlots(buffer: buffer)
            @Sendable func run(_ group: Int) {
                let range = group * size..<min(total, (group + 1) * size)
                for (offset, hits) in scanAll(block, group: range, k: k, filter: filter).enumerated() {
                    output.buffer[range.lowerBound + offset] = hits
                }
            }
            let workers = min(threads, groups)
            guard workers > 1 else {
                for group in 0..<groups { run(group) }
                return
            }
            let next = Atomic(0)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while case let group = next.wrappingAdd(1, ordering: .relaxed).oldValue, group < groups {
                    run(group)
                }
            }
        }
        return results
    }
}

/// A batch's result lists while threads fill them. `@unchecked Sendable`: each
/// element is written by exactly one thread (the one that scanned its group)
/// and read only after `concurrentPerform` has returned.
private struct ResultSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<[IndexHit]>
}
