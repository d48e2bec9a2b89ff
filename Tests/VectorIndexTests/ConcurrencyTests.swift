import FaceSearchBench
import Foundation
import Synchronization
import Testing
import VectorIndex

/// Writers add and remove while readers search, on real threads. Every search
/// must be consistent: right distances, sorted, each id once, no entry that was
/// removed for good before it started, and no entry that was present for its
/// whole duration left out.
@Suite struct ConcurrencyTests {
    static let dimension = 16
    static let stableIDs = Array(Int64(0)..<400)
    static let writerIDs = (0..<4).map { writer in (0..<300).map { Int64(10_000 * (writer + 1) + $0) } }
    /// Every entry any thread may add, by id (stable entries are labelled "stable").
    static let catalogue: [Int64: IndexEntry] = {
        let stable = TestVectors.entries(stableIDs, dimension: dimension, labels: ["stable"])
        let written = writerIDs.enumerated().flatMap { writer, ids in
            TestVectors.entries(ids, dimension: dimension, labels: ["w\(writer)"])
        }
        return Dictionary(uniqueKeysWithValues: (stable + written).map { ($0.id, $0) })
    }()

    /// A writer id's state: whether its last add has returned, and how many removals have begun.
    struct Ledger: Sendable {
        var present = false
        var removals = 0
    }

    /// What the threads share.
    final class Shared: Sendable {
        let ledger = Mutex<[Int64: Ledger]>([:])
        let retired = Mutex<Set<Int64>>([])
        let failures = Mutex<[String]>([])
        let writersRunning = Atomic(0)
        let searches = Atomic(0)
        /// Whether every search must find every entry nearer than its last
        /// hit: the exact index's promise. A graph may leave a node
        /// unreachable after removals, so an HNSW search is checked for all
        /// the rest but not for this.
        let complete: Bool

        init(complete: Bool) { self.complete = complete }

        func fail(_ message: String) { failures.withLock { $0.append(message) } }
    }

    @Test func searchesStayConsistentWhileWritersChangeTheIndex() async throws {
        try await Self.run(ExactIndex(dimension: Self.dimension, metric: .euclidean, vectorsPerChunk: 32))
    }

    /// The HNSW index, searched at a width above the entries' number: every
    /// check applies but completeness (see `Shared.complete`).
    @Test func hnswSearchesStayConsistentWhileWritersChangeTheIndex() async throws {
        let parameters = HNSWParameters(m: 8, efConstruction: 32, ef: 4096)
        try await Self.run(HNSWIndex(dimension: Self.dimension, metric: .euclidean, parameters: parameters))
    }

    /// Four writers and four readers on real threads, then the final state.
    static func run(_ index: some VectorIndex) async throws {
        try index.add(Self.stableIDs.map { Self.catalogue[$0]! })
        let shared = Shared(complete: index is ExactIndex)
        shared.writersRunning.store(4, ordering: .sequentiallyConsistent)
        let finished = DispatchGroup()
        for number in 0..<8 {
            finished.enter()
            Thread {
                if number < 4 {
                    Self.write(index, writer: number, shared: shared)
                } else {
                    Self.read(index, reader: number - 4, shared: shared)
                }
                finished.leave()
            }.start()
        }
        await finished.done()

        let failures = shared.failures.withLock { $0 }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
        #expect(shared.searches.load(ordering: .relaxed) > 50)
        let present = Set(Self.stableIDs + shared.ledger.withLock { $0.filter(\.value.present).keys })
        #expect(try index.count == present.count)
        #expect(Set(try index.ids()) == present)
        for id in present { #expect(try index.vector(id: id) == Self.catalogue[id]!.vector) }
        let model = BruteForce(present.map { Self.catalogue[$0]! }, metric: .euclidean)
        for query in TestVectors.queries(5, dimension: Self.dimension, seed: 99) {
            let hits = try index.search(query, k: 10)
            if shared.complete {
                model.expectCorrect(hits, query: query, k: 10)
            } else {
                #expect(hits.count == 10 && Set(hits.map(\.id)).isSubset(of: present))
            }
        }
    }

    /// Adds and removes ids of its own range at random; sometimes removes one for good.
    static func write(_ index: some VectorIndex, writer: Int, shared: Shared) {
        var generator = SeededGenerator(seed: UInt64(writer) + 1)
        var present: Set<Int64> = []
        var retired: Set<Int64> = []
        for _ in 0..<1000 {
            let batch = Int.random(in: 1...8, using: &generator)
            let absent = writerIDs[writer].filter { !present.contains($0) && !retired.contains($0) }
            if Bool.random(using: &generator), !absent.isEmpty {
                let ids = Array(absent.shuffled(using: &generator).prefix(batch))
                do { try index.add(ids.map { catalogue[$0]! }) } catch { shared.fail("add failed: \(error)") }
                shared.ledger.withLock { ledger in
                    for id in ids { ledger[id, default: Ledger()].present = true }
                }
                present.formUnion(ids)
            } else if !present.isEmpty {
                let ids = Array(present.shuffled(using: &generator).prefix(batch))
                shared.ledger.withLock { ledger in
                    for id in ids {
                        ledger[id]!.present = false
                        ledger[id]!.removals += 1
                    }
                }
                if (try? index.remove(ids: ids)) != ids.count { shared.fail("remove missed some of \(ids)") }
                present.subtract(ids)
                if Int.random(in: 0..<10, using: &generator) == 0 {
                    retired.insert(ids[0])
                    shared.retired.withLock { _ = $0.insert(ids[0]) }
                }
            }
        }
        shared.writersRunning.subtract(1, ordering: .sequentiallyConsistent)
    }

    /// Searches until the writers are done, checking each result.
    static func read(_ index: some VectorIndex, reader: Int, shared: Shared) {
        var generator = SeededGenerator(seed: UInt64(reader) + 100)
        let filters = [
            IndexFilter.none, IndexFilter(label: "stable"), IndexFilter(label: "w1", excludedIDs: [20_001]),
        ]
        while shared.writersRunning.load(ordering: .sequentiallyConsistent) > 0 {
            let query = (0..<dimension).map { _ in Float.random(in: -1..<1, using: &generator) }
            let filter = filters.randomElement(using: &generator)!
            let retired = shared.retired.withLock { $0 }
            let before = shared.ledger.withLock { $0.filter(\.value.present) }
            let hits: [IndexHit]
            do {
                hits =
                    Bool.random(using: &generator)
                    ? try index.search(query, k: 10, filter: filter)
                    : try index.search(batch: [query, query], k: 10, filter: filter, threads: 2)[1]
            } catch {
                return shared.fail("search failed: \(error)")
            }
            let after = shared.ledger.withLock { $0 }
            let throughout = stableIDs + before.filter { after[$0.key]!.removals == $0.value.removals }.keys
            shared.searches.add(1, ordering: .relaxed)
            check(
                hits, query: query, filter: filter, retired: retired, throughout: throughout, shared: shared)
        }
    }
}
