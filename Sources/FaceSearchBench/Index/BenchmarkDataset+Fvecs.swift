import Foundation
import VectorIndex

extension BenchmarkDataset {
    /// The gallery in the `.fvecs` format of the ANN benchmarks (per row: the
    /// dimension as a little-endian Int32, then the values as little-endian
    /// Float32), so that other indexes (faiss, hnswlib) are measured on exactly
    /// these vectors.
    public var galleryFvecs: Data { Self.fvecs(vectors, dimension: dimension) }

    /// The queries in the `.fvecs` format.
    public var queriesFvecs: Data { Self.fvecs(queries, dimension: dimension) }

    /// Writes `<prefix>.base.fvecs` and `<prefix>.query.fvecs`, and for
    /// clustered data `<prefix>.identities.i32` (gallery then queries, Int32).
    public func writeFvecs(prefix: String) throws {
        try galleryFvecs.write(to: URL(fileURLWithPath: prefix + ".base.fvecs"))
        try queriesFvecs.write(to: URL(fileURLWithPath: prefix + ".query.fvecs"))
        if !identities.isEmpty {
            let bytes = identities.flatMap { withUnsafeBytes(of: $0.littleEndian, Array.init) }
            try Data(bytes).write(to: URL(fileURLWithPath: prefix + ".identities.i32"))
        }
    }

    /// Real descriptors saved as `<prefix>.base.fvecs` and
    /// `<prefix>.query.fvecs` (bench/real_descriptors.py writes them); nil
    /// when either file is missing or malformed, or the two differ in dimension.
    public init?(fvecsPrefix prefix: String) {
        guard let base = FileManager.default.contents(atPath: prefix + ".base.fvecs"),
            let query = FileManager.default.contents(atPath: prefix + ".query.fvecs"),
            let gallery = Self.values(fromFvecs: base), let queries = Self.values(fromFvecs: query),
            gallery.dimension == queries.dimension
        else { return nil }
        self.init(
            kind: .real, dimension: gallery.dimension, vectors: gallery.values, queries: queries.values,
            identities: [])
    }

    /// Rows of `.fvecs` back into flat values; nil when the bytes are not whole
    /// rows of one dimension.
    public static func values(fromFvecs data: Data) -> (values: [Float], dimension: Int)? {
        let words = data.withUnsafeBytes { raw in
            (0..<raw.count / 4).map {
                UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))
            }
        }
        guard data.count % 4 == 0, let first = words.first, first > 0 else { return nil }
        let dimension = Int(first)
        guard words.count % (dimension + 1) == 0 else { return nil }
        var values: [Float] = []
        values.reserveCapacity(words.count / (dimension + 1) * dimension)
        for start in stride(from: 0, to: words.count, by: dimension + 1) {
            guard words[start] == first else { return nil }
            values.append(contentsOf: words[(start + 1)...(start + dimension)].map(Float.init(bitPattern:)))
        }
        return (values, dimension)
    }

    private static func fvecs(_ values: [Float], dimension: Int) -> Data {
        let rows = values.count / dimension
        var words = [UInt32](repeating: 0, count: rows * (dimension + 1))
        for row in 0..<rows {
            words[row * (dimension + 1)] = UInt32(dimension).littleEndian
            for position in 0..<dimension {
                words[row * (dimension + 1) + 1 + position] =
                    values[row * dimension + position].bitPattern.littleEndian
            }
        }
        return words.withUnsafeBytes { Data($0) }
    }
}
