import FaceSearch
import FaceSearchBench
import Testing

/// The numbers `facesearch eval` and every search report.
@Suite struct MetricsTests {
    @Test func theScoreIsOneAtZeroHalfAtDlibsThresholdAndZeroFarAway() {
        #expect(SimilarityScore.score(distance: 0, metric: .euclidean) == 1)
        #expect(SimilarityScore.score(distance: 0.6, metric: .euclidean) == 0.5)
        #expect(SimilarityScore.score(distance: 1.2, metric: .euclidean) == 0)
        #expect(SimilarityScore.score(distance: 3, metric: .euclidean) == 0)
        // Cosine distance c of unit vectors is Euclidean distance sqrt(2c): c = 0.18 is 0.6.
        #expect(abs(SimilarityScore.score(distance: 0.18, metric: .cosine) - 0.5) < 1e-12)
        #expect(SimilarityScore.distance(forScore: 0.5) == 0.6)
    }

    @Test func verificationFiguresOnAHandMadeSet() {
        // Same-person distances 0.2, 0.4, 0.5, 0.7; different 0.55, 0.8, 0.9, 1.0 and one missing face.
        let pairs: [(distance: Double?, same: Bool)] = [
            (0.2, true), (0.4, true), (0.5, true), (0.7, true),
            (0.55, false), (0.8, false), (0.9, false), (1.0, false), (nil, false),
        ]
        let m = VerificationMetrics(pairs: pairs)
        #expect(m.genuinePairs == 4 && m.impostorPairs == 5 && m.pairsWithMissingFace == 1)
        // At 0.6: accepts 0.2, 0.4, 0.5 (right) and 0.55 (wrong); rejects 0.7 (wrong) and the rest (right).
        #expect(m.accuracyAtDefault == 7.0 / 9.0)
        #expect(m.tarAtDefault == 0.75 && m.farAtDefault == 0.2)
        // Best: accept up to 0.5 (8 of 9 right) or up to 0.7 (8 of 9): the first found wins.
        #expect(m.bestAccuracy == 8.0 / 9.0 && m.bestThreshold == 0.5)
        // FAR 1% of 5 impostors allows none: accept below the smallest impostor, 0.55.
        #expect(m.thresholdAtFAR001 == 0.55 && m.tarAtFAR001 == 0.75)
    }
}
