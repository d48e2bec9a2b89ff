/// The best `k` candidates seen so far, as a bounded max-heap on (score, id):
/// the worst kept candidate sits at the root, so a new one costs one compare
/// unless it beats the root. Scanning n vectors costs O(n + m log k) for m
/// improvements, with no sort of the gallery.
struct TopKHeap {
    /// One kept candidate.
    struct Candidate {
        var score: Float
        var id: Int64
    }

    let k: Int
    /// Scores above this cannot enter: infinity until the heap is full.
    private(set) var threshold = Float.infinity
    private var items: [Candidate] = []
    private let excludedIDs: Set<Int64>
    /// The ids in the heap, once the index has changed under the search: an
    /// entry moved to a slot not yet scanned could otherwise be kept twice.
    private var members: Set<Int64>?

    init(k: Int, expectedCount: Int, excludedIDs: Set<Int64>) {
        self.k = k
        self.excludedIDs = excludedIDs
        items.reserveCapacity(min(k, max(expectedCount, 0)) + 1)
    }

    /// From now on, keep at most one candidate per id.
    mutating func deduplicate() {
        guard members == nil else { return }
        members = Set(items.map(\.id))
    }

    /// Considers a candidate whose score is at most `threshold`.
    mutating func offer(score: Float, id: Int64) {
        if items.count == k {
            let worst = items[0]
            guard score < worst.score || (score == worst.score && id < worst.id) else { return }
        }
        if !excludedIDs.isEmpty && excludedIDs.contains(id) { return }
        if let members, members.contains(id) { return }
        let candidate = Candidate(score: score, id: id)
        if items.count == k {
            members?.remove(items[0].id)
            items[0] = candidate
            siftDown(from: 0)
        } else {
            items.append(candidate)
            siftUp(from: items.count - 1)
        }
        members?.insert(id)
        if items.count == k { threshold = items[0].score }
    }

    /// The kept candidates, best first.
    func sorted() -> [Candidate] { items.sorted { Self.ranksAfter($1, $0) } }

    /// The candidates as hits, best first, with `Kernel`'s distances. Two
    /// scores can round to the same distance (a square root), so the hits
    /// are sorted again: equal distances go by id, as ``IndexHit`` orders.
    func hits<Kernel: DistanceKernel>(_: Kernel.Type) -> [IndexHit] {
        var hits = sorted().map { IndexHit(id: $0.id, distance: Kernel.distance(fromScore: $0.score)) }
        hits.sort()
        return hits
    }

    /// Whether `a` is worse than `b`: a larger score, or an equal one and a larger id.
    @inline(__always)
    private static func ranksAfter(_ a: Candidate, _ b: Candidate) -> Bool {
        a.score > b.score || (a.score == b.score && a.id > b.id)
    }

    private mutating func siftUp(from start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.ranksAfter(items[child], items[parent]) else { return }
            items.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            var worst = parent
            let left = 2 * parent + 1
            if left < items.count && Self.ranksAfter(items[left], items[worst]) { worst = left }
            let right = left + 1
            if right < items.count && Self.ranksAfter(items[right], items[worst]) { worst = right }
            if worst == parent { return }
            items.swapAt(parent, worst)
            parent = worst
        }
    }
}
