import FaceSearchBench
import Testing
import VectorIndex

/// The benchmark's generated data has the shape it promises.
@Suite struct BenchmarkDataTests {
    @Test func clusteredDataHasDlibLikeDistances() {
        let dataset = BenchmarkDataset.clusteredFaces(count: 4000, queries: 10, dimension: 128, seed: 5)
        let (same, different) = dataset.identityDistances(pairs: 1000, seed: 6)
        let share = { (values: [Float], range: ClosedRange<Float>) in
            Double(values.filter { range.contains($0) }.count) / Double(values.count)
        }
        #expect(share(same, 0.3...0.6) > 0.9, "same identity: \(same[same.count / 2]) median")
        #expect(share(different, 0.8...1.2) > 0.9, "different: \(different[different.count / 2]) median")
    }

    @Test func randomDataIsUnitLengthAndTheSameForTheSameSeed() {
        let first = BenchmarkDataset.randomUnitVectors(count: 50, queries: 5, dimension: 32, seed: 9)
        let second = BenchmarkDataset.randomUnitVectors(count: 50, queries: 5, dimension: 32, seed: 9)
        #expect(first.vectors == second.vectors && first.queries == second.queries)
        for row in 0..<first.count {
            let norm = first.vector(row).reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
        }
    }

    @Test func theBenchmarkMeasuresAnExactIndexWithFullRecall() throws {
        let dataset = BenchmarkDataset.clusteredFaces(count: 600, queries: 20, dimension: 32, seed: 2)
        var configuration = IndexBenchmark.Configuration()
        configuration.latencyQueries = 5
        configuration.batchQueries = 20
        configuration.recallQueries = 10
        let report = try IndexBenchmark.run(
            dataset, index: ExactIndex(dimension: 32, metric: .euclidean), configuration: configuration)
        #expect(report.count == 600 && report.recall == 1)
        #expect(report.throughput.map(\.threads) == [1, 2])
        #expect(report.indexBytes > 600 * 32 * 4)
    }
}
