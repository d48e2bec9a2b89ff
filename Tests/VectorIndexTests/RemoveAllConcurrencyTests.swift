import FaceSearchBench
import Foundation
import Synchronization
import Testing
import VectorIndex

/// `removeAll()` forgets interned labels, so a new label can take an old one's
/// number. A search that started before must not then match the newcomers.
@Suite struct RemoveAllConcurrencyTests {
    static let dimension = 8

    @Test func searchesAcrossRemoveAllNeverMatchAnotherLabel() async throws {
        let index = ExactIndex(dimension: Self.dimension, metric: .euclidean, vectorsPerChunk: 16)
        let anns = TestVectors.entries(0..<300, dimension: Self.dimension, labels: ["ann"])
        let bobs = TestVectors.entries(1000..<1300, dimension: Self.dimension, labels: ["bob"])
        try index.add(anns)
        let failures = Mutex<[String]>([])
        let running = Atomic(true)
        let finished = DispatchGroup()
        for reader in 0..<3 {
            finished.enter()
            Thread {
                var generator = SeededGenerator(seed: UInt64(reader))
                while running.load(ordering: .relaxed) {
                    let query = (0..<Self.dimension).map { _ in Float.random(in: -1..<1, using: &generator) }
                    let hits = (try? index.search(query, k: 5, filter: IndexFilter(label: "ann"))) ?? []
                    if let stray = hits.first(where: { $0.id >= 1000 }) {
                        failures.withLock { $0.append("bob's \(stray.id) matched ann") }
                    }
                }
                finished.leave()
            }.start()
        }
        for round in 0..<150 {
            index.removeAll()
            try index.add(round.isMultiple(of: 2) ? bobs : anns)
        }
        running.store(false, ordering: .relaxed)
        await finished.done()
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0.prefix(3) })")
        #expect(Set(index.ids()) == Set(anns.map(\.id)))
    }
}
