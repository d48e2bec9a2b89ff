import Testing
import VectorIndex

/// Exact search returns the true top k, as a brute-force scan in double precision does.
@Suite struct ExactSearchTests {
    static let dimension = 24

    @Test(arguments: DistanceMetric.allCases, [1, 5, 10, 50])
    func topKEqualsBruteForce(metric: DistanceMetric, k: Int) throws {
        let entries = TestVectors.entries(0..<1500, dimension: Self.dimension)
        let index = try TestVectors.index(entries, dimension: Self.dimension, metric: metric)
        let reference = BruteForce(entries, metric: metric)
        for query in TestVectors.queries(20, dimension: Self.dimension, seed: 7) {
            reference.expectCorrect(try index.search(query, k: k), query: query, k: k)
        }
    }

    @Test(arguments: DistanceMetric.allCases)
    func dlibSizedDescriptorsInDefaultChunksEqualBruteForce(metric: DistanceMetric) throws {
        let entries = TestVectors.entries(0..<400, dimension: 128)
        let index = ExactIndex(dimension: 128, metric: metric)
        try index.add(entries)
        let reference = BruteForce(entries, metric: metric)
        for query in TestVectors.queries(5, dimension: 128, seed: 8) {
            reference.expectCorrect(try index.search(query, k: 10), query: query, k: 10)
        }
    }

    @Test func aKLargerThanTheCountReturnsEveryEntrySorted() throws {
        let entries = TestVectors.entries(0..<70, dimension: 5)
        let index = try TestVectors.index(entries, dimension: 5, metric: .euclidean, vectorsPerChunk: 16)
        let query = TestVectors.queries(1, dimension: 5, seed: 1)[0]
        let hits = try index.search(query, k: 1000)
        #expect(hits.count == 70)
        BruteForce(entries, metric: .euclidean).expectCorrect(hits, query: query, k: 1000)
        #expect(try index.search(query, k: Int.max).count == 70)
    }

    @Test func anEmptyIndexFindsNothing() throws {
        let index = ExactIndex(dimension: 3, metric: .cosine)
        #expect(try index.search([1, 2, 3], k: 5).isEmpty)
        #expect(index.count == 0)
    }

    @Test func equalDistancesAreOrderedByID() throws {
        let twin: [Float] = [1, 1, 1]
        let ids: [Int64] = [42, 7, 19, 3, 88, 11, 64, 5]
        let index = ExactIndex(dimension: 3, metric: .euclidean, vectorsPerChunk: 2)
        try index.add(ids.map { IndexEntry(id: $0, vector: twin) })
        let hits = try index.search([0, 0, 0], k: 5)
        #expect(hits.map(\.id) == [3, 5, 7, 11, 19])
        // One vector, so one distance however it is summed; its value within rounding.
        #expect(Set(hits.map(\.distance)).count == 1)
        #expect(hits.allSatisfy { abs($0.distance - Float(3).squareRoot()) < 1e-6 })
    }

    @Test func euclideanDistancesAreTrueL2() throws {
        let index = ExactIndex(dimension: 2, metric: .euclidean)
        try index.add([IndexEntry(id: 1, vector: [3, 4]), IndexEntry(id: 2, vector: [0, 1])])
        #expect(
            try index.search([0, 0], k: 2) == [IndexHit(id: 2, distance: 1), IndexHit(id: 1, distance: 5)])
    }

    @Test func cosineDistancesAreOneMinusTheCosineOfNormalisedVectors() throws {
        let index = ExactIndex(dimension: 2, metric: .cosine)
        try index.add([
            IndexEntry(id: 1, vector: [5, 0]), IndexEntry(id: 2, vector: [0, 0.25]),
            IndexEntry(id: 3, vector: [-2, 0]),
        ])
        let hits = try index.search([100, 0], k: 3)
        #expect(hits.map(\.id) == [1, 2, 3])
        #expect(abs(hits[0].distance) < 1e-6)
        #expect(abs(hits[1].distance - 1) < 1e-6)
        #expect(abs(hits[2].distance - 2) < 1e-6)
        let stored = try #require(index.vector(id: 2))
        #expect(abs(stored[0]) < 1e-7 && abs(stored[1] - 1) < 1e-6)
    }
}
