/// Principal component analysis of a set of vectors: the mean, the leading
/// eigenvectors of the covariance matrix (found by power iteration with
/// deflation) and their eigenvalues, the variances along each axis.
///
/// Deterministic: the start vector is fixed and each axis's sign is chosen so
/// that its largest coordinate is positive, so the same vectors always give
/// the same picture.
public struct PrincipalComponents: Sendable, Equatable {
    /// The mean of the vectors.
    public let mean: [Double]
    /// The unit axes, largest variance first.
    public let axes: [[Double]]
    /// The variance along each axis (the covariance's eigenvalues).
    public let variances: [Double]
    /// The total variance (the covariance's trace).
    public let totalVariance: Double

    /// The share of the total variance each axis explains (0 when there is none).
    public var explainedVarianceRatio: [Double] {
        variances.map { totalVariance > 0 ? $0 / totalVariance : 0 }
    }

    /// The first `count` principal components of `vectors`, which must all have
    /// the same length. Fewer than two vectors give zero variances.
    public init(of vectors: [[Float]], count: Int = 2, iterations: Int = 300) {
        let dimension = vectors.first?.count ?? 0
        var mean = [Double](repeating: 0, count: dimension)
        for vector in vectors {
            for index in 0..<dimension { mean[index] += Double(vector[index]) }
        }
        if !vectors.isEmpty {
            for index in 0..<dimension { mean[index] /= Double(vectors.count) }
        }
        var covariance = Self.covariance(of: vectors, mean: mean)
        let total = (0..<dimension).reduce(0.0) { $0 + covariance[$1 * dimension + $1] }
        var axes: [[Double]] = []
        var variances: [Double] = []
        for _ in 0..<min(count, dimension) {
            let (axis, value) = Self.leadingEigenvector(
                of: covariance, dimension: dimension, orthogonalTo: axes, iterations)
            axes.append(axis)
            variances.append(max(value, 0))
            // Deflation: remove this axis so the next iteration finds the following one.
            for row in 0..<dimension {
                for column in 0..<dimension {
                    covariance[row * dimension + column] -= value * axis[row] * axis[column]
                }
            }
        }
        self.mean = mean
        self.axes = axes
        self.variances = variances
        self.totalVariance = max(total, 0)
    }

    /// The coordinates of `vector` along each axis.
    public func project(_ vector: [Float]) -> [Double] {
        axes.map { axis in
            var sum = 0.0
            for index in 0..<axis.count { sum += (Double(vector[index]) - mean[index]) * axis[index] }
            return sum
        }
    }

    /// The sample covariance matrix, row-major, dividing by n - 1.
    private static func covariance(of vectors: [[Float]], mean: [Double]) -> [Double] {
        let dimension = mean.count
        var matrix = [Double](repeating: 0, count: dimension * dimension)
        guard vectors.count > 1 else { return matrix }
        var centered = [Double](repeating: 0, count: dimension)
        matrix.withUnsafeMutableBufferPointer { sums in
            for vector in vectors {
                for index in 0..<dimension { centered[index] = Double(vector[index]) - mean[index] }
                // Upper triangle only; mirrored below.
                for row in 0..<dimension {
                    let value = centered[row]
                    let base = row * dimension
                    for column in row..<dimension { sums[base + column] += value * centered[column] }
                }
            }
        }
        let scale = 1 / Double(vectors.count - 1)
        for row in 0..<dimension {
            for column in row..<dimension {
                let value = matrix[row * dimension + column] * scale
                matrix[row * dimension + column] = value
                matrix[column * dimension + row] = value
            }
        }
        return matrix
    }

    /// The eigenvector of the largest eigenvalue of a symmetric positive
    /// semi-definite matrix, orthogonal to `previous` axes, and that eigenvalue.
    /// Deflation alone leaves rounding noise along the previous axes, which
    /// would win when the remaining variance is nil: each step removes it.
    private static func leadingEigenvector(
        of matrix: [Double], dimension: Int, orthogonalTo previous: [[Double]], _ iterations: Int
    ) -> ([Double], Double) {
        guard dimension > 0 else { return ([], 0) }
        // A fixed, slightly uneven start so no axis starts exactly orthogonal to it.
        var vector = (0..<dimension).map { 1 + Double($0 % 7) / 10 }
        orthogonalize(&vector, against: previous)
        normalize(&vector)
        var value = 0.0
        for _ in 0..<iterations {
            var next = multiply(matrix, vector, dimension: dimension)
            orthogonalize(&next, against: previous)
            let norm = normalize(&next)
            guard norm > 1e-300 else { return (vector, 0) }
            let change = zip(next, vector).reduce(0.0) { $0 + abs($1.0 - $1.1) }
            vector = next
            value = norm
            if change < 1e-12 { break }
        }
        let product = multiply(matrix, vector, dimension: dimension)
        value = zip(product, vector).reduce(0.0) { $0 + $1.0 * $1.1 }
        if let largest = vector.indices.max(by: { abs(vector[$0]) < abs(vector[$1]) }), vector[largest] < 0 {
            vector = vector.map { -$0 }
        }
        return (vector, value)
    }

    private static func multiply(_ matrix: [Double], _ vector: [Double], dimension: Int) -> [Double] {
        (0..<dimension).map { row in
            var sum = 0.0
            let base = row * dimension
            for column in 0..<dimension { sum += matrix[base + column] * vector[column] }
            return sum
        }
    }

    private static func orthogonalize(_ vector: inout [Double], against axes: [[Double]]) {
        for axis in axes {
            let dot = zip(vector, axis).reduce(0.0) { $0 + $1.0 * $1.1 }
            for index in vector.indices { vector[index] -= dot * axis[index] }
        }
    }

    @discardableResult
    private static func normalize(_ vector: inout [Double]) -> Double {
        let norm = vector.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for index in vector.indices { vector[index] /= norm } }
        return norm
    }
}
