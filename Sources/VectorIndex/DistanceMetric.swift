/// How the distance between two vectors is measured.
public enum DistanceMetric: String, Sendable, Codable, CaseIterable {
    /// Euclidean (L2) distance: dlib's descriptors are trained for it (same person below 0.6).
    case euclidean
    /// Cosine distance, `1 - cos(angle)`: vectors are normalised to unit length.
    case cosine
}

extension DistanceMetric {
    /// The distance between two vectors under this metric, computed plainly in
    /// double precision: the yardstick that recall and the tests measure the
    /// index's fast Float32 kernels against. Inlinable, so that callers in
    /// other modules get it specialised for their collections.
    @inlinable
    public func referenceDistance<A: Collection<Float>, B: Collection<Float>>(_ a: A, _ b: B) -> Double {
        var dot = 0.0
        var normA = 0.0
        var normB = 0.0
        var squares = 0.0
        for (x, y) in zip(a, b) {
            let (p, q) = (Double(x), Double(y))
            dot += p * q
            normA += p * p
            normB += q * q
            squares += (p - q) * (p - q)
        }
        switch self {
        case .euclidean: return squares.squareRoot()
        case .cosine: return 1 - dot / (normA.squareRoot() * normB.squareRoot())
        }
    }
}
