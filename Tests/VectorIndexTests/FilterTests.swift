import Testing
import VectorIndex

/// Filters apply during the scan: a filtered search returns the best k of the
/// entries that pass, never fewer because better ones failed.
@Suite struct FilterTests {
    static let dimension = 20

    /// A filter with a short name for test reports.
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let filter: IndexFilter
    }

    static let filters = [
        Case(testDescription: "label", filter: IndexFilter(label: "ann")),
        Case(testDescription: "one pair", filter: IndexFilter(metadata: ["group": "1"])),
        Case(testDescription: "two pairs", filter: IndexFilter(metadata: ["group": "2", "side": "even"])),
        Case(testDescription: "300 excluded", filter: IndexFilter(excludedIDs: Set(0..<300))),
        Case(
            testDescription: "label, pair and exclusions",
            filter: IndexFilter(label: "bob", metadata: ["side": "even"], excludedIDs: [2, 8, 14, 20])),
        Case(testDescription: "label and pair", filter: IndexFilter(label: "ann", metadata: ["group": "0"])),
    ]

    @Test(arguments: DistanceMetric.allCases, filters)
    func filteredTopKEqualsBruteForceOverThePassingEntries(metric: DistanceMetric, filterCase: Case) throws {
        let filter = filterCase.filter
        let entries = TestVectors.entries(0..<1200, dimension: Self.dimension)
        let index = try TestVectors.index(entries, dimension: Self.dimension, metric: metric)
        let reference = BruteForce(entries, metric: metric)
        for query in TestVectors.queries(10, dimension: Self.dimension, seed: 3) {
            for k in [1, 10, 2000] {
                reference.expectCorrect(
                    try index.search(query, k: k, filter: filter), query: query, k: k, filter: filter)
            }
        }
    }

    @Test(arguments: [
        Case(testDescription: "unknown label", filter: IndexFilter(label: "nobody")),
        Case(testDescription: "unknown value", filter: IndexFilter(metadata: ["group": "9"])),
        Case(testDescription: "unknown key", filter: IndexFilter(metadata: ["colour": "red"])),
        Case(
            testDescription: "known pairs never together",
            filter: IndexFilter(label: "ann", metadata: ["group": "1", "side": "odd"])),
        Case(testDescription: "all excluded", filter: IndexFilter(excludedIDs: Set(0..<100))),
    ])
    func filtersThatMatchNothingReturnNothing(filterCase: Case) throws {
        let filter = filterCase.filter
        let entries = TestVectors.entries(0..<100, dimension: 4)
        let index = try TestVectors.index(entries, dimension: 4, metric: .euclidean)
        #expect(try index.search([0, 0, 0, 0], k: 10, filter: filter).isEmpty)
    }

    @Test func aSelectiveFilterStillFillsKFromFarEntries() throws {
        var entries = (0..<500).map {
            IndexEntry(id: Int64($0), vector: [Float($0) / 1000, 0], label: "near")
        }
        entries += (0..<5).map {
            IndexEntry(id: Int64(1000 + $0), vector: [10 + Float($0), 0], label: "far")
        }
        let index = try TestVectors.index(entries, dimension: 2, metric: .euclidean, vectorsPerChunk: 32)
        let hits = try index.search([0, 0], k: 3, filter: IndexFilter(label: "far"))
        #expect(hits.map(\.id) == [1000, 1001, 1002])
    }

    @Test func theFilterDefinitionMatchesLabelsMetadataAndExclusions() {
        let attributes = IndexAttributes(label: "ann", metadata: ["group": "1", "side": "even"])
        #expect(IndexFilter.none.admits(id: 1, attributes: attributes))
        #expect(IndexFilter(label: "ann", metadata: ["group": "1"]).admits(id: 1, attributes: attributes))
        #expect(!IndexFilter(label: "bob").admits(id: 1, attributes: attributes))
        #expect(!IndexFilter(metadata: ["group": "1", "x": "y"]).admits(id: 1, attributes: attributes))
        #expect(!IndexFilter(excludedIDs: [1]).admits(id: 1, attributes: attributes))
        #expect(!IndexFilter(label: "ann").admits(id: 1, attributes: IndexAttributes()))
    }
}
