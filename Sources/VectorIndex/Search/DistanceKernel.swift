/// A distance between a stored row and a query row, both padded with zeros to
/// a multiple of 16 floats. Generic so every scan loop gets its own inlined kernel.
///
/// The kernels use `SIMD16<Float>` with two accumulators. The package builds
/// for the x86-64 baseline (SSE2), so each one is four 4-wide registers; that
/// is fast enough to be bound by memory bandwidth on a large gallery, and
/// reaches about 20 ns per 128-D vector when the rows are in cache.
protocol DistanceKernel {
    /// The value the heap ranks by: smaller is nearer.
    static func score(_ row: UnsafeRawPointer, _ query: UnsafeRawPointer, bytes: Int) -> Float
    /// The distance reported for a score.
    static func distance(fromScore score: Float) -> Float
}

/// Squared L2 distance; the square root is taken only for the results.
enum SquaredEuclideanKernel: DistanceKernel {
    @inline(__always)
    static func score(_ row: UnsafeRawPointer, _ query: UnsafeRawPointer, bytes: Int) -> Float {
        var sum0 = SIMD16<Float>()
        var sum1 = SIMD16<Float>()
        var offset = 0
        while offset &+ 128 <= bytes {
            let d0 = load(row, offset) - load(query, offset)
            let d1 = load(row, offset &+ 64) - load(query, offset &+ 64)
            sum0 += d0 * d0
            sum1 += d1 * d1
            offset &+= 128
        }
        if offset < bytes {
            let d0 = load(row, offset) - load(query, offset)
            sum0 += d0 * d0
        }
        return (sum0 + sum1).sum()
    }

    @inline(__always)
    static func distance(fromScore score: Float) -> Float { score.squareRoot() }
}

/// Cosine distance `1 - row·query` on vectors normalised when stored and queried.
enum CosineKernel: DistanceKernel {
    @inline(__always)
    static func score(_ row: UnsafeRawPointer, _ query: UnsafeRawPointer, bytes: Int) -> Float {
        var sum0 = SIMD16<Float>()
        var sum1 = SIMD16<Float>()
        var offset = 0
        while offset &+ 128 <= bytes {
            sum0 += load(row, offset) * load(query, offset)
            sum1 += load(row, offset &+ 64) * load(query, offset &+ 64)
            offset &+= 128
        }
        if offset < bytes {
            sum0 += load(row, offset) * load(query, offset)
        }
        return 1 - (sum0 + sum1).sum()
    }

    /// Rounding can take `1 - cos` of a vector and itself a hair below zero.
    @inline(__always)
    static func distance(fromScore score: Float) -> Float { max(0, score) }
}

@inline(__always)
private func load(_ base: UnsafeRawPointer, _ offset: Int) -> SIMD16<Float> {
    base.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
}
