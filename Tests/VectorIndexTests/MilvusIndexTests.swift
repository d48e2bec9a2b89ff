import Logging
import MilvusClient
import TestSupport
import Testing
import VectorIndex

/// The Milvus index against a real Milvus 2.3.5: the answers every
/// `VectorIndex` must give (FilterTests' brute-force reference), and the
/// labels no expression language should have to quote.
@Suite(.enabled(if: MilvusServer.available, "needs FACESEARCH_MILVUS (scripts/milvus-tests.sh)"), .serialized)
struct MilvusIndexTests {
    static let dimension = 16

    static func connection() throws -> MilvusConnection {
        let address = try #require(MilvusServer.address)
        let endpoint = try #require(MilvusEndpoint(address))
        return try MilvusConnection(endpoint: endpoint, logger: Logger(label: "test.milvus"))
    }

    /// Opens a fresh collection, runs `body` on a thread of its own, then drops it.
    static func withIndex<T: Sendable>(
        _ stem: String, metric: DistanceMetric = .euclidean, layout: MilvusIndexLayout = .flat,
        dimension: Int = dimension, _ body: @escaping @Sendable (MilvusIndex) throws -> T
    ) async throws -> T {
        let connection = try connection()
        let name = MilvusServer.uniqueCollectionName(stem)
        defer { Task { await connection.close() } }
        return try await onOwnThread {
            let index = try MilvusIndex.open(
                name, connection: connection, dimension: dimension, metric: metric, layout: layout)
            defer { try? index.drop() }
            return try body(index)
        }
    }

    @Test(arguments: DistanceMetric.allCases)
    func flatSearchesEqualBruteForceForEveryFilter(metric: DistanceMetric) async throws {
        try await Self.withIndex("flat_\(metric.rawValue)", metric: metric) { index in
            let entries = TestVectors.entries(0..<600, dimension: Self.dimension)
            try index.add(entries)
            #expect(try index.count == 600)
            let reference = BruteForce(entries, metric: metric)
            let filters = [
                IndexFilter.none, IndexFilter(label: "ann"),
                IndexFilter(metadata: ["group": "2", "side": "even"]),
                IndexFilter(label: "bob", metadata: ["side": "even"], excludedIDs: [2, 8, 14, 20]),
                IndexFilter(excludedIDs: Set(0..<300)), IndexFilter(label: "nobody"),
            ]
            for filter in filters {
                for query in TestVectors.queries(4, dimension: Self.dimension, seed: 3) {
                    for k in [1, 10, 700] {
                        reference.expectCorrect(
                            try index.search(query, k: k, filter: filter), query: query, k: k, filter: filter)
                    }
                }
            }
            let batch = TestVectors.queries(3, dimension: Self.dimension, seed: 9)
            let lists = try index.search(batch: batch, k: 5, filter: IndexFilter(label: "ann"))
            for (query, hits) in zip(batch, lists) {
                reference.expectCorrect(hits, query: query, k: 5, filter: IndexFilter(label: "ann"))
            }
        }
    }

    @Test func hnswFindsTheNearestFaces() async throws {
        let layout = MilvusIndexLayout.hnsw(HNSWParameters(m: 16, efConstruction: 100, ef: 64))
        try await Self.withIndex("hnsw", layout: layout) { index in
            let entries = TestVectors.entries(0..<2000, dimension: Self.dimension)
            try index.add(entries)
            let reference = BruteForce(entries, metric: .euclidean)
            var found = 0
            let queries = TestVectors.queries(20, dimension: Self.dimension, seed: 5)
            for query in queries {
                let truth = Set(reference.ranking(query).prefix(10).map(\.id))
                found += try index.search(query, k: 10).filter { truth.contains($0.id) }.count
            }
            #expect(Double(found) / Double(queries.count * 10) >= 0.9)
            // A wider search (sent with each search) finds at least as much; out of range is refused.
            try index.setSearchWidth(512)
            #expect(index.layout == .hnsw(HNSWParameters(m: 16, efConstruction: 100, ef: 512)))
            var wider = 0
            for query in queries {
                let truth = Set(reference.ranking(query).prefix(10).map(\.id))
                wider += try index.search(query, k: 10).filter { truth.contains($0.id) }.count
            }
            #expect(wider >= found)
            #expect(throws: VectorIndexError.self) { try index.setSearchWidth(0) }
        }
        _ = try await Self.withIndex("flatwidth") { index in
            #expect(throws: VectorIndexError.self) { try index.setSearchWidth(64) }
        }
    }

    @Test func writesAreAllOrNothingAndRemovalsCountWhatWasThere() async throws {
        try await Self.withIndex("writes") { index in
            let entries = TestVectors.entries(1...20, dimension: Self.dimension)
            try index.add(entries)
            #expect(throws: VectorIndexError.duplicateID(5)) {
                try index.add(TestVectors.entries([100, 5, 101], dimension: Self.dimension))
            }
            #expect(throws: VectorIndexError.duplicateID(200)) {
                try index.add(TestVectors.entries([200, 200], dimension: Self.dimension))
            }
            #expect(throws: VectorIndexError.dimensionMismatch(expected: Self.dimension, actual: 3)) {
                try index.add([IndexEntry(id: 300, vector: [1, 2, 3])])
            }
            #expect(try !index.contains(id: 100))
            #expect(try index.count == 20)
            // addNew skips the duplicate read but still checks every vector first.
            #expect(throws: VectorIndexError.dimensionMismatch(expected: Self.dimension, actual: 3)) {
                try index.addNew(
                    TestVectors.entries([21], dimension: Self.dimension) + [
                        IndexEntry(id: 22, vector: [1, 2, 3])
                    ])
            }
            #expect(try !index.contains(id: 21))
            try index.addNew(TestVectors.entries([21, 22], dimension: Self.dimension))
            #expect(try index.vector(id: 22) == TestVectors.vector(for: 22, dimension: Self.dimension))
            #expect(try index.remove(ids: [21, 22]) == 2)
            #expect(try index.count == 20)
            #expect(try index.remove(ids: [3, 4, 999]) == 2)
            #expect(try Set(index.ids()) == Set((1...20).filter { $0 != 3 && $0 != 4 }))
            #expect(try index.vector(id: 7) == TestVectors.vector(for: 7, dimension: Self.dimension))
            #expect(try index.vector(id: 3) == nil)
            try index.removeAll()
            #expect(try index.count == 0)
            #expect(try index.search(TestVectors.vector(for: 1, dimension: Self.dimension), k: 3).isEmpty)
        }
    }

    @Test func labelsAndMetadataOfAnyTextFilterExactly() async throws {
        let labels = ["quote\"d", "back\\slash", "nul\u{0}byte", "' or 1==1 || '", "名前 😀", "]\n["]
        try await Self.withIndex("hostile") { index in
            var entries: [IndexEntry] = []
            for (position, label) in labels.enumerated() {
                for copy in 0..<3 {
                    let id = Int64(position * 10 + copy)
                    entries.append(
                        IndexEntry(
                            id: id, vector: TestVectors.vector(for: id, dimension: Self.dimension),
                            label: label,
                            metadata: [label: "\(copy)"]))
                }
            }
            try index.add(entries)
            let query = TestVectors.vector(for: 0, dimension: Self.dimension)
            for (position, label) in labels.enumerated() {
                let ids = try index.search(query, k: 50, filter: IndexFilter(label: label)).map(\.id)
                #expect(Set(ids) == Set((0..<3).map { Int64(position * 10 + $0) }), "\(label)")
                let pair = try index.search(query, k: 50, filter: IndexFilter(metadata: [label: "1"])).map(
                    \.id)
                #expect(pair == [Int64(position * 10 + 1)], "\(label)")
            }
            #expect(try index.search(query, k: 50, filter: IndexFilter(label: "nul")).isEmpty)
        }
    }

    @Test func reopeningKeepsTheRowsAndRefusesAnotherDimension() async throws {
        let connection = try Self.connection()
        defer { Task { await connection.close() } }
        let name = MilvusServer.uniqueCollectionName("reopen")
        try await onOwnThread {
            let first = try MilvusIndex.open(
                name, connection: connection, dimension: Self.dimension, metric: .cosine, layout: .flat)
            defer { try? first.drop() }
            try first.add(TestVectors.entries(0..<10, dimension: Self.dimension))
            let again = try MilvusIndex.open(
                name, connection: connection, dimension: Self.dimension, metric: .cosine, layout: .flat)
            #expect(try again.count == 10)
            #expect(throws: VectorIndexError.self) {
                try MilvusIndex.open(
                    name, connection: connection, dimension: 8, metric: .cosine, layout: .flat)
            }
            #expect(throws: VectorIndexError.self) {
                try MilvusIndex.open(
                    name, connection: connection, dimension: Self.dimension, metric: .euclidean, layout: .flat
                )
            }
        }
    }
}
