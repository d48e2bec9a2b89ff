import Dispatch
import Foundation
import Synchronization

extension HNSWIndex {
    /// Entries that no search can return: hnswlib prunes a neighbour's links
    /// when it inserts a vector, and may drop the only link into an older
    /// entry, which no walk from the graph's entry point then reaches (on
    /// clustered face-like vectors, 4% of 100,000 and 13% of a million;
    /// docs/SCALING.md). Walks every link; searches go on.
    public var unreachableCount: Int { lock.withReadLock { graph.unreachableCount } }

    /// Links every entry that no search can reach back into the graph: the
    /// nearest reachable entry that can take one more link (or give up one
    /// to an entry with another way in) gets a link to it. The entries and
    /// their vectors do not change. The searches that find the nearest
    /// reachable entries run beside other searches, on up to one thread per
    /// core; searches wait only while the links are written. Returns the
    /// entries linked (a linked entry brings back whatever only it reached).
    @discardableResult
    public func relink() throws(VectorIndexError) -> Int {
        try writers.withLock { _ throws(VectorIndexError) in
            // Only writers change the graph, and this one holds `writers`.
            let linked = try Self.relink(graph, lock: lock)
            if linked > 0 { changes.add(1, ordering: .releasing) }
            return linked
        }
    }

    /// Candidates kept per stranded entry.
    static let linkCandidates = 8

    /// Repairs `graph`, which only this caller changes; `lock` guards it from
    /// searches (nil: nothing else sees it yet). A link given up can strand
    /// what only it led to, so the repair runs again, at most four times,
    /// until nothing is stranded or nothing more can be linked.
    static func relink(_ graph: NativeGraph, lock: ReadWriteLock?) throws(VectorIndexError) -> Int {
        var linked = 0
        for _ in 0..<4 {
            let nodes = lock?.withReadLock { graph.unreachableNodes() } ?? graph.unreachableNodes()
            guard !nodes.isEmpty else { break }
            let candidates = try candidates(for: nodes, in: graph, lock: lock)
            let link = { () throws(VectorIndexError) in
                try graph.linkIn(nodes, candidates: candidates, perNode: linkCandidates)
            }
            let round: Int
            if let lock { round = try lock.withWriteLock(link) } else { round = try link() }
            linked += round
            if round == 0 { break }
        }
        return linked
    }

    /// Each node's `linkCandidates` nearest reachable entries, one row per
    /// node, found by searches for their own vectors on up to one thread per
    /// core, 256 nodes per hold of the read lock.
    private static func candidates(for nodes: [UInt32], in graph: NativeGraph, lock: ReadWriteLock?)
        throws(VectorIndexError) -> [UInt32]
    {
        let perNode = linkCandidates
        let chunk = 256
        let chunks = (nodes.count + chunk - 1) / chunk
        let rows = Mutex([UInt32](repeating: .max, count: nodes.count * perNode))
        let failure = Mutex<VectorIndexError?>(nil)
        let next = Atomic(0)
        let threads = min(ProcessInfo.processInfo.activeProcessorCount, chunks)
        DispatchQueue.concurrentPerform(iterations: max(1, threads)) { _ in
            while case let number = next.wrappingAdd(1, ordering: .relaxed).oldValue, number < chunks {
                let range = number * chunk..<min((number + 1) * chunk, nodes.count)
                let search = { () throws(VectorIndexError) -> [UInt32] in
                    var found: [UInt32] = []
                    found.reserveCapacity(range.count * perNode)
                    for node in nodes[range] { found += try graph.linkCandidates(of: node, count: perNode) }
                    return found
                }
                do throws(VectorIndexError) {
                    let found: [UInt32]
                    if let lock { found = try lock.withReadLock(search) } else { found = try search() }
                    rows.withLock {
                        $0.replaceSubrange(
                            range.lowerBound * perNode..<range.upperBound * perNode, with: found)
                    }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                    return
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return rows.withLock { $0 }
    }
}
