import FaceVision
import VectorIndex

/// The one similarity score facesearch reports: a number from 0 to 1 derived
/// from the descriptor distance, so that people need not know dlib's scale.
///
/// `score = clamp(1 - distance / 1.2, 0, 1)` on the Euclidean distance between
/// two dlib descriptors: identical faces score 1, dlib's own same-person rule of
/// thumb (distance 0.6) scores exactly 0.5, and faces 1.2 apart or more score 0.
/// For a cosine collection the cosine distance `c` of unit vectors is first
/// turned into the Euclidean distance of those unit vectors, `sqrt(2c)`, so that
/// one score means the same thing in both kinds of collection.
///
/// SFace descriptors are compared by cosine distance `c` alone, and scored so
/// that its same-person distance `t` (0.637) also scores 0.5:
/// `score = clamp(1 - c / 2t, 0, 1)`. One default threshold, score 0.5, then
/// means "the model's own same-person threshold" for every embedder.
public enum SimilarityScore {
    /// The distance that scores 0.
    public static let zeroScoreDistance = 1.2

    /// The score of a distance between two descriptors of `embedder`, measured with `metric`.
    public static func score(distance: Double, metric: DistanceMetric, embedder: EmbedderChoice) -> Double {
        switch embedder {
        case .dlib: return score(distance: distance, metric: metric)
        case .sface:
            let zero = 2 * embedder.samePersonDistance
            return min(1, max(0, 1 - max(distance, 0) / zero))
        }
    }

    /// The score of a dlib descriptor distance measured with `metric`.
    public static func score(distance: Double, metric: DistanceMetric) -> Double {
        let euclidean = metric == .cosine ? (2 * max(distance, 0)).squareRoot() : distance
        return min(1, max(0, 1 - euclidean / zeroScoreDistance))
    }

    /// The Euclidean distance that gives `score` (the inverse of `score`).
    public static func distance(forScore score: Double) -> Double {
        (1 - min(1, max(0, score))) * zeroScoreDistance
    }
}
