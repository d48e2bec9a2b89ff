import VectorIndex

extension ConcurrencyTests {
    /// Records a failure for anything wrong with one search's hits: order,
    /// repeated ids, distances, retired ids, the filter, and entries present
    /// throughout the search (`throughout`) that are nearer than the last hit
    /// but missing.
    static func check(
        _ hits: [IndexHit], query: [Float], filter: IndexFilter, retired: Set<Int64>, throughout: [Int64],
        shared: Shared
    ) {
        let reference = BruteForce(throughout.map { catalogue[$0]! }, metric: .euclidean)
        if hits != hits.sorted() { shared.fail("unsorted: \(hits)") }
        if Set(hits.map(\.id)).count != hits.count { shared.fail("an id twice: \(hits)") }
        for hit in hits {
            guard let entry = catalogue[hit.id] else { return shared.fail("unknown id \(hit.id)") }
            let exact = reference.distance(query, entry.vector)
            if abs(Double(hit.distance) - exact) > 1e-4 {
                shared.fail("\(hit.id): \(hit.distance) vs \(exact)")
            }
            if retired.contains(hit.id) { shared.fail("\(hit.id) was removed for good before the search") }
            if !filter.admits(id: hit.id, attributes: entry.attributes) {
                shared.fail("\(hit.id) fails \(filter)")
            }
        }
        // Entries present for the whole search: none nearer than the last hit may be missing.
        guard shared.complete else { return }
        let limit = hits.count < 10 ? Double.infinity : Double(hits[hits.count - 1].distance) - 1e-4
        let returned = Set(hits.map(\.id))
        for (id, distance) in reference.ranking(query, filter: filter) where distance < limit {
            if !returned.contains(id) { shared.fail("\(id) at \(distance), present throughout, missing") }
        }
    }
}
