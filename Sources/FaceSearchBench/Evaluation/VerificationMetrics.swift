import FaceSearch

/// Verification figures over labelled pairs of descriptors: same person or not.
/// A pair with a missing face has no distance and always counts as "different".
public struct VerificationMetrics: Sendable, Codable, Equatable {
    /// Pairs of the same person.
    public var genuinePairs: Int
    /// Pairs of different people.
    public var impostorPairs: Int
    /// Pairs where a photo had no face.
    public var pairsWithMissingFace: Int
    /// Accuracy at the embedder's same-person distance (score 0.5; dlib's 0.6).
    public var accuracyAtDefault: Double
    /// Share of same-person pairs accepted at the same-person distance.
    public var tarAtDefault: Double
    /// Share of different-person pairs accepted at the same-person distance.
    public var farAtDefault: Double
    /// The best accuracy over all thresholds, and the distance that gives it.
    public var bestAccuracy: Double
    /// The distance threshold of `bestAccuracy`.
    public var bestThreshold: Double
    /// True-accept rate at a false-accept rate of at most 0.1%, and its distance threshold.
    public var tarAtFAR0001: Double
    /// The distance below which a pair is accepted for `tarAtFAR0001`.
    public var thresholdAtFAR0001: Double
    /// True-accept rate at a false-accept rate of at most 1%.
    public var tarAtFAR001: Double
    /// The distance below which a pair is accepted for `tarAtFAR001`.
    public var thresholdAtFAR001: Double

    /// Computes the figures from `(distance, same)` pairs; nil distance = missing face.
    public init(pairs: [(distance: Double?, same: Bool)], defaultThreshold: Double = 0.6) {
        let genuine = pairs.filter(\.same).map { $0.distance ?? .infinity }.sorted()
        let impostor = pairs.filter { !$0.same }.map { $0.distance ?? .infinity }.sorted()
        genuinePairs = genuine.count
        impostorPairs = impostor.count
        pairsWithMissingFace = pairs.filter { $0.distance == nil }.count
        let total = Double(max(pairs.count, 1))
        func accuracy(_ threshold: Double) -> Double {
            let accepted = genuine.partitioningIndex { $0 > threshold }
            let rejected = impostor.count - impostor.partitioningIndex { $0 > threshold }
            return Double(accepted + rejected) / total
        }
        accuracyAtDefault = accuracy(defaultThreshold)
        tarAtDefault =
            Double(genuine.partitioningIndex { $0 > defaultThreshold }) / Double(max(genuine.count, 1))
        farAtDefault =
            Double(impostor.partitioningIndex { $0 > defaultThreshold }) / Double(max(impostor.count, 1))
        (bestAccuracy, bestThreshold) = (accuracy(0), 0)
        for candidate in (genuine + impostor) where candidate.isFinite {
            let value = accuracy(candidate)
            if value > bestAccuracy { (bestAccuracy, bestThreshold) = (value, candidate) }
        }
        func tar(atFAR rate: Double) -> (Double, Double) {
            // Accept distances strictly below the (allowed + 1)-th smallest impostor distance.
            let allowed = Int((rate * Double(impostor.count)).rounded(.down))
            let threshold = allowed < impostor.count ? impostor[allowed] : .infinity
            let accepted = genuine.partitioningIndex { $0 >= threshold }
            return (genuine.isEmpty ? 0 : Double(accepted) / Double(genuine.count), threshold)
        }
        (tarAtFAR0001, thresholdAtFAR0001) = tar(atFAR: 0.001)
        (tarAtFAR001, thresholdAtFAR001) = tar(atFAR: 0.01)
    }
}

extension Array where Element == Double {
    /// The first index whose element satisfies `belongsInSecondPart` in a sorted array.
    func partitioningIndex(where belongsInSecondPart: (Double) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongsInSecondPart(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
