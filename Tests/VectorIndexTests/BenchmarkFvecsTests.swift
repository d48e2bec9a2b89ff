import FaceSearchBench
import Foundation
import Testing
import VectorIndex

/// `facesearch bench index --save-vectors` hands the generated data to faiss and
/// hnswlib in the ANN benchmarks' `.fvecs` format, so every index sees the same vectors.
@Suite struct BenchmarkFvecsTests {
    @Test func fvecsRowsAreTheDimensionThenTheValuesLittleEndian() {
        let dataset = BenchmarkDataset.randomUnitVectors(count: 3, queries: 2, dimension: 4, seed: 1)
        let data = dataset.galleryFvecs
        #expect(data.count == 3 * (1 + 4) * 4)
        #expect(Array(data.prefix(4)) == [4, 0, 0, 0])
        let firstValue = data.subdata(in: 4..<8).withUnsafeBytes {
            UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))
        }
        #expect(Float(bitPattern: firstValue) == dataset.vectors[0])
    }

    @Test func savedVectorsReadBackBitForBit() throws {
        let dataset = BenchmarkDataset.clusteredFaces(count: 40, queries: 7, dimension: 16, seed: 3)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fvecs-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try dataset.writeFvecs(prefix: folder + "/clustered")
        let base = try #require(
            BenchmarkDataset.values(
                fromFvecs: try Data(contentsOf: URL(fileURLWithPath: folder + "/clustered.base.fvecs"))))
        let queries = try #require(
            BenchmarkDataset.values(
                fromFvecs: try Data(contentsOf: URL(fileURLWithPath: folder + "/clustered.query.fvecs"))))
        #expect(base.dimension == 16 && base.values == dataset.vectors)
        #expect(queries.values == dataset.queries)
        let identities = try Data(contentsOf: URL(fileURLWithPath: folder + "/clustered.identities.i32"))
        #expect(identities.count == (40 + 7) * 4)
    }

    @Test func bytesThatAreNotWholeRowsAreRefused() {
        #expect(BenchmarkDataset.values(fromFvecs: Data([4, 0, 0, 0, 1, 2, 3])) == nil)
        #expect(BenchmarkDataset.values(fromFvecs: Data()) == nil)
    }
}
