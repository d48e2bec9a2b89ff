/// How the distance between two vectors is measured.
public enum DistanceMetric: String, Sendable, Codable, CaseIterable {
    /// Euclidean (L2) distance: dlib's descriptors are trained for it (same person below 0.6).
    case euclidean
    /// Cosine distance, `1 - cos(angle)`: vectors are normalised to unit length.
    case cosine
}
