import Testing
import VectorIndex

/// A batch gives, for every query, exactly what a single search gives.
@Suite struct BatchSearchTests {
    static let dimension = 16

    @Test(arguments: DistanceMetric.allCases, [1, 2, 3])
    func aBatchEqualsSingleSearches(metric: DistanceMetric, threads: Int) throws {
        let entries = TestVectors.entries(0..<900, dimension: Self.dimension)
        let index = try TestVectors.index(entries, dimension: Self.dimension, metric: metric)
        let queries = TestVectors.queries(50, dimension: Self.dimension, seed: 11)
        for filter in [IndexFilter.none, IndexFilter(label: "bob", excludedIDs: [2, 5])] {
            let batch = try index.search(batch: queries, k: 8, filter: filter, threads: threads)
            #expect(batch.count == queries.count)
            for (query, hits) in zip(queries, batch) {
                #expect(hits == (try index.search(query, k: 8, filter: filter)))
            }
        }
    }

    @Test func anEmptyBatchGivesNoResults() throws {
        let index = try TestVectors.index(
            TestVectors.entries(0..<5, dimension: 2), dimension: 2, metric: .euclidean)
        #expect(try index.search(batch: [], k: 3, filter: .none, threads: 2).isEmpty)
    }

    @Test func oneBadQueryRefusesTheBatch() throws {
        let index = try TestVectors.index(
            TestVectors.entries(0..<5, dimension: 2), dimension: 2, metric: .euclidean)
        #expect(throws: VectorIndexError.dimensionMismatch(expected: 2, actual: 3)) {
            try index.search(batch: [[0, 0], [0, 0, 0]], k: 3, filter: .none, threads: 2)
        }
    }
}
