import FaceSearchBench
import VectorIndex

/// Seeded test data: every id has its own fixed vector, so a test can always
/// recompute what an entry holds.
enum TestVectors {
    /// The vector of `id`: values uniform in -1..<1, fixed by the id and `salt`.
    static func vector(for id: Int64, dimension: Int, salt: UInt64 = 0) -> [Float] {
        var generator = SeededGenerator(seed: UInt64(bitPattern: id) &* 0x9E37_79B9 &+ salt)
        return (0..<dimension).map { _ in Float.random(in: -1..<1, using: &generator) }
    }

    /// Random query vectors.
    static func queries(_ count: Int, dimension: Int, seed: UInt64) -> [[Float]] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in (0..<dimension).map { _ in Float.random(in: -1..<1, using: &generator) }
        }
    }

    /// Entries with ids `ids`, labels cycling through `labels` (nil: none) and
    /// metadata `group` = id % 3 and, for even ids, `side` = "even".
    static func entries(_ ids: some Sequence<Int64>, dimension: Int, labels: [String?] = [nil, "ann", "bob"])
        -> [IndexEntry]
    {
        ids.map { id in
            var metadata = ["group": "\(id % 3)"]
            if id % 2 == 0 { metadata["side"] = "even" }
            return IndexEntry(
                id: id, vector: vector(for: id, dimension: dimension),
                label: labels[Int(id % Int64(labels.count))], metadata: metadata)
        }
    }

    /// An index with `entries` added, in small chunks so that scans cross many of them.
    static func index(
        _ entries: [IndexEntry], dimension: Int, metric: DistanceMetric, vectorsPerChunk: Int = 64
    )
        throws -> ExactIndex
    {
        let index = ExactIndex(dimension: dimension, metric: metric, vectorsPerChunk: vectorsPerChunk)
        try index.add(entries)
        return index
    }
}
