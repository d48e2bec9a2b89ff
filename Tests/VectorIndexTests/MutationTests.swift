import Testing
import VectorIndex

/// Adding, removing and re-adding keep the index equal to the set of entries
/// it was given, and a refused add changes nothing.
@Suite struct MutationTests {
    static let dimension = 12

    @Test func removeReportsWhatWasPresentAndReAddUsesTheNewVector() throws {
        let index = try TestVectors.index(
            TestVectors.entries(0..<10, dimension: 3), dimension: 3, metric: .euclidean)
        #expect(index.remove(ids: [3, 4, 4, 99]) == 2)
        #expect(index.count == 8)
        #expect(!index.contains(id: 3) && !index.contains(id: 4) && index.contains(id: 5))
        #expect(index.vector(id: 3) == nil)
        try index.add([IndexEntry(id: 3, vector: [7, 7, 7])])
        #expect(index.vector(id: 3) == [7, 7, 7])
        #expect(try index.search([7, 7, 7], k: 1) == [IndexHit(id: 3, distance: 0)])
        #expect(index.remove(ids: [Int64]()) == 0)
    }

    @Test func addNewInProcessStillRefusesATakenIDAndOnlyTheGraphHasAWidth() throws {
        let entries = TestVectors.entries(0..<10, dimension: 3)
        let indexes: [any VectorIndex] = [
            try TestVectors.index(entries, dimension: 3, metric: .euclidean),
            try HNSWIndex(dimension: 3, metric: .euclidean),
        ]
        try indexes[1].add(entries)
        for index in indexes {
            #expect(throws: VectorIndexError.duplicateID(4)) {
                try index.addNew(TestVectors.entries([10, 4], dimension: 3))
            }
            #expect(try index.count == 10)
            try index.addNew(TestVectors.entries([10], dimension: 3))
            #expect(try index.contains(id: 10))
        }
        #expect(throws: VectorIndexError.self) { try indexes[0].setSearchWidth(64) }
        try indexes[1].setSearchWidth(300)
        #expect((indexes[1] as? HNSWIndex)?.parameters.ef == 300)
        #expect(throws: VectorIndexError.self) { try indexes[1].setSearchWidth(0) }
    }

    @Test func removingTheLastAndAMiddleEntryKeepsEverythingElseIntact() throws {
        let entries = TestVectors.entries(0..<200, dimension: Self.dimension)
        let index = try TestVectors.index(
            entries, dimension: Self.dimension, metric: .euclidean, vectorsPerChunk: 16)
        var reference = BruteForce(entries, metric: .euclidean)
        for id: Int64 in [199, 57, 0, 198, 100] {
            #expect(index.remove(ids: [id]) == 1)
            reference.entries[id] = nil
            #expect(Set(index.ids()) == Set(reference.entries.keys))
            for (other, entry) in reference.entries { #expect(index.vector(id: other) == entry.vector) }
            for query in TestVectors.queries(3, dimension: Self.dimension, seed: UInt64(id)) {
                for filter in [IndexFilter.none, IndexFilter(label: "ann", metadata: ["side": "even"])] {
                    let hits = try index.search(query, k: 7, filter: filter)
                    reference.expectCorrect(hits, query: query, k: 7, filter: filter)
                }
            }
        }
    }

    @Test func aDuplicateIDRefusesTheWholeBatch() throws {
        let index = try TestVectors.index(
            TestVectors.entries(0..<5, dimension: 2), dimension: 2, metric: .cosine)
        #expect(throws: VectorIndexError.duplicateID(4)) {
            try index.add(TestVectors.entries([10, 11, 4, 12], dimension: 2))
        }
        #expect(throws: VectorIndexError.duplicateID(20)) {
            try index.add(TestVectors.entries([20, 21, 20], dimension: 2))
        }
        #expect(index.count == 5)
        #expect(!index.contains(id: 10) && !index.contains(id: 20))
    }

    @Test func invalidVectorsAndQueriesAreRefusedAndChangeNothing() throws {
        let index = ExactIndex(dimension: 3, metric: .euclidean)
        let good = IndexEntry(id: 1, vector: [1, 2, 3])
        #expect(throws: VectorIndexError.dimensionMismatch(expected: 3, actual: 2)) {
            try index.add([good, IndexEntry(id: 2, vector: [1, 2])])
        }
        #expect(throws: VectorIndexError.nonFiniteValue) {
            try index.add([good, IndexEntry(id: 2, vector: [1, .nan, 3])])
        }
        #expect(throws: VectorIndexError.nonFiniteValue) {
            try index.add([IndexEntry(id: 2, vector: [.infinity, 0, 0])])
        }
        #expect(index.count == 0)
        try index.add([good, IndexEntry(id: 2, vector: [0, 0, 0])])
        #expect(throws: VectorIndexError.dimensionMismatch(expected: 3, actual: 4)) {
            try index.search([1, 2, 3, 4], k: 1)
        }
        #expect(throws: VectorIndexError.nonFiniteValue) { try index.search([1, -.infinity, 3], k: 1) }
        #expect(throws: VectorIndexError.invalidK(0)) { try index.search([1, 2, 3], k: 0) }
        #expect(throws: VectorIndexError.invalidK(-1)) { try index.search(batch: [[1, 2, 3]], k: -1) }
        #expect(try index.search([0, 0, 0], k: 1) == [IndexHit(id: 2, distance: 0)])
    }

    @Test func aCosineIndexRefusesZeroVectors() throws {
        let index = ExactIndex(dimension: 2, metric: .cosine)
        #expect(throws: VectorIndexError.zeroVector) { try index.add([IndexEntry(id: 1, vector: [0, 0])]) }
        try index.add([IndexEntry(id: 1, vector: [0, 1e-30])])
        #expect(throws: VectorIndexError.zeroVector) { try index.search([0, 0], k: 1) }
        #expect(try index.search([0, 3], k: 1).map(\.id) == [1])
    }

    @Test func removalsGiveChunksBackAndRemoveAllForgetsEverything() throws {
        let entries = TestVectors.entries(0..<640, dimension: 64)
        let index = try TestVectors.index(entries, dimension: 64, metric: .euclidean, vectorsPerChunk: 64)
        let full = index.residentBytes
        index.remove(ids: 0..<600)
        #expect(index.residentBytes < full / 3)
        #expect(Set(index.ids()) == Set(600..<640))
        index.removeAll()
        #expect(index.count == 0 && index.ids().isEmpty && index.residentBytes == 0)
        let origin = [Float](repeating: 0, count: 64)
        #expect(try index.search(origin, k: 3).isEmpty)
        try index.add([IndexEntry(id: 5, vector: [Float](repeating: 1, count: 64), label: "carol")])
        #expect(try index.search(origin, k: 3, filter: IndexFilter(label: "ann")).isEmpty)
        #expect(try index.search(origin, k: 3, filter: IndexFilter(label: "carol")).count == 1)
    }

    @Test func theIndexWorksThroughTheProtocol() throws {
        let index: any VectorIndex = ExactIndex(dimension: 2, metric: .euclidean, initialCapacity: 100)
        try index.add([IndexEntry(id: 1, vector: [1, 0]), IndexEntry(id: 2, vector: [0, 1])])
        #expect(try index.count == 2 && index.contains(id: 1) && index.ids().sorted() == [1, 2])
        #expect(try index.search([1, 0], k: 1).map(\.id) == [1])
        #expect(try index.remove(ids: [1]) == 1)
        #expect(try index.vector(id: 2) == [0, 1])
        #expect(index.residentBytes > 0)
        try index.removeAll()
        #expect(try index.count == 0)
    }
}
