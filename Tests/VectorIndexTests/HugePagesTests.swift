import FaceSearchBench
import Foundation
import TestSupport
import Testing
import VectorIndex

/// Huge pages change where a graph's bottom layer lives, never what a search
/// finds: one saved graph, loaded on small pages and on huge ones, answers
/// every query with the same hits and the same distances.
@Suite struct HugePagesTests {
    /// Whether the kernel hands out transparent huge pages when asked (Linux,
    /// with the setting at `always` or `madvise`, not `never`).
    static var kernelOffersHugePages: Bool {
        let setting = try? String(
            contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
        return setting.map { !$0.contains("[never]") } ?? false
    }

    struct Outcome {
        var built = false
        var onSmall = true
        var onHuge = false
        var differing: [Int] = []
    }

    @Test func aGraphOnHugePagesAnswersAsOnSmallPages() async throws {
        let outcome = try await onOwnThread {
            // 12,000 vectors: a bottom layer of 7.5 MiB, which holds at least two whole 2 MiB pages
            // wherever it starts (one of 4 MiB might hold none).
            let data = BenchmarkDataset.clusteredFaces(count: 12_000, queries: 60, dimension: 128, seed: 41)
            let parameters = HNSWParameters(m: 16, efConstruction: 64, ef: 64)
            let built = try HNSWIndex(
                dimension: 128, metric: .euclidean, parameters: parameters, capacity: data.count)
            try built.add((0..<data.count).map { IndexEntry(id: Int64($0), vector: data.vector($0)) })
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("pages-\(UUID()).hnsw")
                .path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try built.save(to: path)
            HNSWIndex.useHugePages(false)
            defer { HNSWIndex.useHugePages(true) }
            let small = try HNSWIndex.load(from: path, dimension: 128, metric: .euclidean)
            HNSWIndex.useHugePages(true)
            let huge = try HNSWIndex.load(from: path, dimension: 128, metric: .euclidean)
            var outcome = Outcome(
                built: built.onHugePages, onSmall: small.onHugePages, onHuge: huge.onHugePages)
            outcome.differing = try (0..<data.queryCount).filter {
                try small.search(data.query($0), k: 10) != huge.search(data.query($0), k: 10)
            }
            return outcome
        }
        #expect(outcome.built == Self.kernelOffersHugePages)
        #expect(outcome.onHuge == Self.kernelOffersHugePages)
        #expect(!outcome.onSmall)
        #expect(outcome.differing.isEmpty, "queries answered differently: \(outcome.differing.prefix(5))")
    }
}
