import Testing
import VectorIndex

/// The reference every search is compared with: all entries that pass the
/// filter, their distances in double precision, sorted.
struct BruteForce {
    /// The entries the index is expected to hold, by id.
    var entries: [Int64: IndexEntry]
    let metric: DistanceMetric

    init(_ entries: [IndexEntry], metric: DistanceMetric) {
        self.entries = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
        self.metric = metric
    }

    /// The exact distance of `vector` to `query`.
    func distance(_ query: [Float], _ vector: [Float]) -> Double {
        metric.referenceDistance(query, vector)
    }

    /// Every entry passing `filter`, nearest first, ties by id.
    func ranking(_ query: [Float], filter: IndexFilter = .none) -> [(id: Int64, distance: Double)] {
        entries.values.filter { filter.admits(id: $0.id, attributes: $0.attributes) }
            .map { (id: $0.id, distance: distance(query, $0.vector)) }
            .sorted { $0.distance < $1.distance || ($0.distance == $1.distance && $0.id < $1.id) }
    }

    /// Checks that `hits` are a correct top `k` for `query`: as many as should
    /// be, sorted, distances right, and no passing entry nearer than the k-th
    /// left out. Only distances within `tolerance` of the k-th may swap places
    /// (float and double rounding can order near-ties differently).
    func expectCorrect(
        _ hits: [IndexHit], query: [Float], k: Int, filter: IndexFilter = .none, tolerance: Double = 1e-4,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let ranking = ranking(query, filter: filter)
        let byID = Dictionary(uniqueKeysWithValues: ranking.map { ($0.id, $0.distance) })
        #expect(hits.count == min(k, ranking.count), sourceLocation: sourceLocation)
        #expect(hits == hits.sorted(), "hits out of order", sourceLocation: sourceLocation)
        #expect(Set(hits.map(\.id)).count == hits.count, "an id twice", sourceLocation: sourceLocation)
        for hit in hits {
            guard let exact = byID[hit.id] else {
                Issue.record(
                    "\(hit.id) should not pass the filter or is absent", sourceLocation: sourceLocation)
                continue
            }
            #expect(
                abs(Double(hit.distance) - exact) <= tolerance, "\(hit.id)", sourceLocation: sourceLocation)
        }
        guard ranking.count > k else { return }
        let kth = ranking[k - 1].distance
        let returned = Set(hits.map(\.id))
        for (id, distance) in ranking where distance < kth - tolerance {
            #expect(returned.contains(id), "\(id) at \(distance) is missing", sourceLocation: sourceLocation)
        }
        for hit in hits {
            #expect((byID[hit.id] ?? .infinity) <= kth + tolerance, sourceLocation: sourceLocation)
        }
    }
}
