import VectorIndex

/// Generated vectors for measuring an index: a gallery and the queries run
/// against it, both stored flat (`count * dimension` values, row after row).
public struct BenchmarkDataset: Sendable {
    /// How the vectors are drawn.
    public enum Kind: String, Sendable, CaseIterable {
        /// Uniformly random unit vectors: no structure, the worst case for an
        /// approximate index.
        case random
        /// Face-shaped: many identities, a few noisy descriptors each (see
        /// `clusteredFaces(count:queries:dimension:seed:)`).
        case clustered
        /// Real face descriptors, read from .fvecs files (`init(fvecsPrefix:)`).
        case real

        /// The kinds `generate` can draw.
        public static let generated: [Kind] = [.random, .clustered]
    }

    /// How the vectors were drawn.
    public let kind: Kind
    /// Values per vector.
    public let dimension: Int
    /// The gallery, row after row.
    public let vectors: [Float]
    /// The queries, row after row.
    public let queries: [Float]
    /// For clustered data, the identity of each gallery vector, then of each query.
    public let identities: [Int32]

    /// Vectors in the gallery.
    public var count: Int { vectors.count / dimension }
    /// Queries available.
    public var queryCount: Int { queries.count / dimension }

    /// Gallery vector `index`.
    public func vector(_ index: Int) -> [Float] {
        Array(vectors[index * dimension..<(index + 1) * dimension])
    }

    /// Query `index`.
    public func query(_ index: Int) -> [Float] {
        Array(queries[index * dimension..<(index + 1) * dimension])
    }

    /// A dataset of a generated kind: `randomUnitVectors` or `clusteredFaces`;
    /// nil for `.real`, which is read from files.
    public static func generate(_ kind: Kind, count: Int, queries: Int, dimension: Int, seed: UInt64)
        -> BenchmarkDataset?
    {
        switch kind {
        case .random: randomUnitVectors(count: count, queries: queries, dimension: dimension, seed: seed)
        case .clustered: clusteredFaces(count: count, queries: queries, dimension: dimension, seed: seed)
        case .real: nil
        }
    }

    /// Uniformly random unit vectors (normalised Gaussian samples), queries alike.
    public static func randomUnitVectors(count: Int, queries: Int, dimension: Int, seed: UInt64)
        -> BenchmarkDataset
    {
        var generator = SeededGenerator(seed: seed)
        func draw(_ number: Int) -> [Float] {
            var values: [Float] = []
            values.reserveCapacity(number * dimension)
            for _ in 0..<number {
                values.append(contentsOf: generator.nextUnitVector(dimension: dimension).map(Float.init))
            }
            return values
        }
        let gallery = draw(count)
        return BenchmarkDataset(
            kind: .random, dimension: dimension, vectors: gallery, queries: draw(queries), identities: [])
    }
}
