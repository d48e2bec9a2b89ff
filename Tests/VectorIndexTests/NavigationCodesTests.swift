import FaceSearchBench
import Foundation
import TestSupport
import Testing
import VectorIndex

/// A graph walked on one-byte codes finds what a graph walked on floats finds,
/// reports the floats' distances, and keeps its walk when saved and loaded; a
/// graph saved on floats (before codes existed) loads and searches on floats.
@Suite struct NavigationCodesTests {
    struct Outcome {
        var codes = false
        var floats = true
        var recallOnCodes = 0.0
        var recallOnFloats = 0.0
        var distanceErrors: [Float] = []
        var loadedCodes = false
        var loadedFloats = true
        var changedBySaving: [Int] = []
    }

    @Test(arguments: DistanceMetric.allCases)
    func codesFindWhatFloatsFindAndSurviveASave(metric: DistanceMetric) async throws {
        let outcome = try await onOwnThread { try Self.measure(metric) }
        #expect(outcome.codes && !outcome.floats)
        #expect(outcome.recallOnCodes >= 0.95, "recall@10 on codes \(outcome.recallOnCodes)")
        #expect(
            outcome.recallOnCodes >= outcome.recallOnFloats - 0.02,
            "codes \(outcome.recallOnCodes) against floats \(outcome.recallOnFloats)")
        #expect(
            outcome.distanceErrors.isEmpty,
            "distances off the exact index's: \(outcome.distanceErrors.prefix(5))")
        #expect(outcome.loadedCodes && !outcome.loadedFloats)
        #expect(
            outcome.changedBySaving.isEmpty,
            "answers changed by a save and load: \(outcome.changedBySaving.prefix(5))")
    }

    static func measure(_ metric: DistanceMetric) throws -> Outcome {
        let data = BenchmarkDataset.clusteredFaces(count: 8_000, queries: 100, dimension: 128, seed: 43)
        let entries = (0..<data.count).map { IndexEntry(id: Int64($0), vector: data.vector($0)) }
        let parameters = HNSWParameters(m: 16, efConstruction: 100, ef: 64)
        let exact = ExactIndex(dimension: 128, metric: metric)
        try exact.add(entries)
        let onCodes = try HNSWIndex(
            dimension: 128, metric: metric, parameters: parameters, capacity: data.count)
        HNSWIndex.useCodes(false)
        let onFloats: HNSWIndex
        do {
            defer { HNSWIndex.useCodes(true) }
            onFloats = try HNSWIndex(
                dimension: 128, metric: metric, parameters: parameters, capacity: data.count)
        }
        try onCodes.add(entries)
        try onFloats.add(entries)
        var outcome = Outcome(codes: onCodes.navigatesOnCodes, floats: onFloats.navigatesOnCodes)
        var foundOnCodes = 0
        var foundOnFloats = 0
        for position in 0..<data.queryCount {
            let query = data.query(position)
            let truth = try exact.search(query, k: 10)
            let exactDistance = Dictionary(uniqueKeysWithValues: truth.map { ($0.id, $0.distance) })
            let codesHits = try onCodes.search(query, k: 10)
            foundOnCodes += codesHits.filter { exactDistance[$0.id] != nil }.count
            foundOnFloats += try onFloats.search(query, k: 10).filter { exactDistance[$0.id] != nil }.count
            for hit in codesHits {
                if let expected = exactDistance[hit.id],
                    abs(expected - hit.distance) > 1e-5 * max(1, expected)
                {
                    outcome.distanceErrors.append(hit.distance - expected)
                }
            }
        }
        outcome.recallOnCodes = Double(foundOnCodes) / Double(10 * data.queryCount)
        outcome.recallOnFloats = Double(foundOnFloats) / Double(10 * data.queryCount)

        let folder = FileManager.default.temporaryDirectory
        let codesPath = folder.appendingPathComponent("codes-\(UUID()).hnsw").path
        let floatsPath = folder.appendingPathComponent("floats-\(UUID()).hnsw").path
        defer {
            try? FileManager.default.removeItem(atPath: codesPath)
            try? FileManager.default.removeItem(atPath: floatsPath)
        }
        try onCodes.save(to: codesPath)
        try onFloats.save(to: floatsPath)
        let loadedCodes = try HNSWIndex.load(from: codesPath, dimension: 128, metric: metric, ef: 64)
        let loadedFloats = try HNSWIndex.load(from: floatsPath, dimension: 128, metric: metric, ef: 64)
        outcome.loadedCodes = loadedCodes.navigatesOnCodes
        outcome.loadedFloats = loadedFloats.navigatesOnCodes
        outcome.changedBySaving = try (0..<data.queryCount).filter {
            let query = data.query($0)
            let codesIDs = try loadedCodes.search(query, k: 10).map(\.id)
            let floatsIDs = try loadedFloats.search(query, k: 10).map(\.id)
            return try codesIDs != onCodes.search(query, k: 10).map(\.id)
                || floatsIDs != onFloats.search(query, k: 10).map(\.id)
        }
        return outcome
    }
}

/// FACESEARCH_PORTABLE_KERNELS=1 (scripts/portable-kernels.sh) makes the HNSW
/// kernels take their portable code; otherwise they take AVX2 where the
/// processor has it.
@Suite struct KernelChoiceTests {
    @Test func theKernelsAreTheOnesAskedFor() throws {
        let forced = ProcessInfo.processInfo.environment["FACESEARCH_PORTABLE_KERNELS"] == "1"
        let flags =
            try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("flags") }?.split(separator: " ") ?? []
        let hasAVX2 = flags.contains("avx2") && flags.contains("fma")
        #expect(HNSWIndex.kernelName == (!forced && hasAVX2 ? "avx2+fma" : "portable"))
    }
}
