import Dispatch
import FaceSearchBench
import Foundation
import Synchronization
import TestSupport
import Testing
import VectorIndex

/// hnswlib's insertions prune their neighbours' links and strand some
/// entries where no walk from the entry point leads: no search returns them,
/// not even a search for their own vector. `relink()` links them back in.
@Suite struct HNSWReachabilityTests {
    /// What the graph of 12,000 face-like vectors looked like before and after relinking.
    struct Outcome: Sendable {
        var unreachableBefore = 0
        var missedBefore = 0
        var linked = 0
        var unreachableAfter = 0
        var missedAfter = 0
        var idsKept = false
        var vectorsKept = false
        var distancesExact = false
    }

    /// hnswlib's customary shape (m 16, ef_construction 100), which strands
    /// faces of 12,000 clustered ones; the default's denser graph strands fewer.
    static let strandingShape = HNSWParameters(m: 16, efConstruction: 100, ef: 32)

    /// The faces a search for their own vector (k 1) does not return first.
    static func missed(_ index: HNSWIndex, _ data: BenchmarkDataset) throws -> Int {
        try (0..<data.count).filter { try index.search(data.vector($0), k: 1).first?.id != Int64($0) }.count
    }

    @Test func relinkingMakesEveryStrandedFaceFindable() async throws {
        let outcome = try await onOwnThread {
            let data = BenchmarkDataset.clusteredFaces(count: 12_000, queries: 20, dimension: 128, seed: 31)
            let entries = (0..<data.count).map { IndexEntry(id: Int64($0), vector: data.vector($0)) }
            let index = try HNSWIndex(
                dimension: 128, metric: .euclidean, parameters: Self.strandingShape, capacity: data.count)
            try index.add(entries)
            var outcome = Outcome()
            outcome.unreachableBefore = index.unreachableCount
            outcome.missedBefore = try Self.missed(index, data)
            let ids = Set(index.ids())
            let revision = index.revision
            outcome.linked = try index.relink()
            outcome.unreachableAfter = index.unreachableCount
            outcome.missedAfter = try Self.missed(index, data)
            outcome.idsKept =
                Set(index.ids()) == ids && index.count == data.count && index.revision > revision
            outcome.vectorsKept = (0..<data.count).allSatisfy {
                index.vector(id: Int64($0)) == data.vector($0)
            }
            let exact = ExactIndex(dimension: 128, metric: .euclidean)
            try exact.add(entries)
            outcome.distancesExact = try (0..<data.queryCount).allSatisfy { number in
                let hits = try index.search(data.query(number), k: 10)
                let truth = Dictionary(
                    uniqueKeysWithValues: try exact.search(data.query(number), k: data.count).map {
                        ($0.id, $0.distance)
                    })
                return hits.allSatisfy { truth[$0.id] == $0.distance }
            }
            return outcome
        }
        // The build strands some faces (about 80 of 12,000 here), and no search can return one.
        try #require(outcome.unreachableBefore > 0, "this build stranded no face; the test proves nothing")
        #expect(outcome.missedBefore >= outcome.unreachableBefore)
        #expect(outcome.linked > 0)
        #expect(outcome.unreachableAfter == 0)
        // Most of them are found now (about 90% at this narrow width; the rest are beyond it).
        #expect(
            outcome.missedAfter <= outcome.missedBefore - outcome.unreachableBefore / 2,
            "missed \(outcome.missedBefore) before, \(outcome.missedAfter) after")
        #expect(outcome.idsKept && outcome.vectorsKept && outcome.distancesExact)
    }

    @Test func aCompactedGraphStrandsNoFace() async throws {
        let (unreachable, count, again) = try await onOwnThread {
            let data = BenchmarkDataset.clusteredFaces(count: 6_000, queries: 1, dimension: 128, seed: 32)
            let index = try HNSWIndex(dimension: 128, metric: .cosine, capacity: data.count)
            try index.add((0..<data.count).map { IndexEntry(id: Int64($0), vector: data.vector($0)) })
            index.remove(ids: (0..<1000).map(Int64.init))
            try index.compact()
            return (index.unreachableCount, index.count, try index.relink())
        }
        #expect(unreachable == 0 && count == 5000)
        #expect(again == 0)
    }

    @Test func smallAndEmptyGraphsHaveNothingToLink() throws {
        let empty = try HNSWIndex(dimension: 16, metric: .euclidean)
        #expect(empty.unreachableCount == 0)
        #expect(try empty.relink() == 0)
        let small = try HNSWIndex(dimension: 16, metric: .euclidean)
        try small.add(TestVectors.entries(0..<40, dimension: 16))
        small.remove(ids: [0, 1, 2])
        #expect(small.unreachableCount == 0)
        #expect(try small.relink() == 0)
        #expect(small.count == 37)
    }
}

extension HNSWReachabilityTests {
    /// Relinking searches the graph beside other searches and writes the links
    /// alone: searches running all the while get whole, exact answers.
    @Test func searchesGoOnWhileTheGraphIsRelinked() async throws {
        let (linked, unreachable, badAnswers) = try await onOwnThread {
            let data = BenchmarkDataset.clusteredFaces(count: 8_000, queries: 50, dimension: 128, seed: 33)
            let entries = (0..<data.count).map { IndexEntry(id: Int64($0), vector: data.vector($0)) }
            let index = try HNSWIndex(dimension: 128, metric: .euclidean, capacity: data.count)
            try index.add(entries)
            let exact = ExactIndex(dimension: 128, metric: .euclidean)
            try exact.add(entries)
            let truth = try (0..<data.queryCount).map { try exact.search(data.query($0), k: data.count) }
            let done = Atomic(false)
            let bad = Atomic(0)
            let group = DispatchGroup()
            for _ in 0..<2 {
                DispatchQueue.global().async(group: group) {
                    var number = 0
                    while !done.load(ordering: .acquiring) || number < data.queryCount {
                        let query = number % data.queryCount
                        let distances = Dictionary(
                            uniqueKeysWithValues: truth[query].map { ($0.id, $0.distance) })
                        let hits = (try? index.search(data.query(query), k: 10)) ?? []
                        if hits.count != 10 || !hits.allSatisfy({ distances[$0.id] == $0.distance }) {
                            bad.add(1, ordering: .relaxed)
                        }
                        number += 1
                    }
                }
            }
            let linked = try index.relink()
            done.store(true, ordering: .releasing)
            group.wait()
            return (linked, index.unreachableCount, bad.load(ordering: .relaxed))
        }
        #expect(linked > 0)
        #expect(unreachable == 0)
        #expect(badAnswers == 0)
    }
}
