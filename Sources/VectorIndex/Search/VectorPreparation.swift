/// Checks vectors before they reach the index and prepares them the way rows
/// are stored: scaled to unit length for cosine, padded with zeros.
enum VectorPreparation {
    /// The factor a valid vector is stored with: 1 for euclidean, 1/|v| for cosine.
    /// A zero vector is refused for cosine (`.zeroVector`): it has no direction,
    /// and scoring it as "unrelated to everything" would hide a broken descriptor.
    static func scale(of vector: [Float], dimension: Int, metric: DistanceMetric) throws(VectorIndexError)
        -> Float
    {
        guard vector.count == dimension else {
            throw .dimensionMismatch(expected: dimension, actual: vector.count)
        }
        switch metric {
        case .euclidean:
            guard vector.allSatisfy(\.isFinite) else { throw .nonFiniteValue }
            return 1
        case .cosine:
            var sumOfSquares = 0.0
            for value in vector {
                guard value.isFinite else { throw .nonFiniteValue }
                sumOfSquares += Double(value) * Double(value)
            }
            guard sumOfSquares > 0 else { throw .zeroVector }
            return Float(1 / sumOfSquares.squareRoot())
        }
    }
}

/// Queries prepared like stored rows, in one 64-byte aligned block.
/// `@unchecked Sendable`: the block is written only in `init` and read-only
/// afterwards, when the threads of a batch search share it.
final class QueryBlock: @unchecked Sendable {
    let count: Int
    let rowBytes: Int
    private let storage: UnsafeMutablePointer<Float>

    /// Checks every query first, so nothing is allocated for a refused batch.
    static func prepare(_ queries: [[Float]], dimension: Int, stride: Int, metric: DistanceMetric)
        throws(VectorIndexError) -> QueryBlock
    {
        var scales: [Float] = []
        scales.reserveCapacity(queries.count)
        for query in queries {
            scales.append(try VectorPreparation.scale(of: query, dimension: dimension, metric: metric))
        }
        return QueryBlock(queries, scales: scales, stride: stride)
    }

    private init(_ queries: [[Float]], scales: [Float], stride: Int) {
        count = queries.count
        rowBytes = stride * MemoryLayout<Float>.stride
        storage = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * rowBytes, alignment: 64)
            .bindMemory(to: Float.self, capacity: max(count, 1) * stride)
        for (index, query) in queries.enumerated() {
            let row = storage + index * stride
            for position in query.indices { row[position] = query[position] * scales[index] }
            (row + query.count).initialize(repeating: 0, count: stride - query.count)
        }
    }

    deinit { UnsafeMutableRawPointer(storage).deallocate() }

    /// The prepared row of query `index`.
    func row(_ index: Int) -> UnsafeRawPointer {
        UnsafeRawPointer(storage) + index * rowBytes
    }
}
