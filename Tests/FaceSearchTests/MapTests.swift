import FaceSearch
import Testing

/// PCA and k-means on data whose answer is known, and the map built from them.
@Suite struct MapTests {
    @Test func principalComponentsFindTheAxesAndTheirVariances() {
        // Variance 6 along x, 2/3 along y, none along z.
        let vectors: [[Float]] = [[3, 0, 0], [-3, 0, 0], [0, 1, 0], [0, -1, 0]]
        let pca = PrincipalComponents(of: vectors, count: 2)
        #expect(pca.mean == [0, 0, 0])
        #expect(abs(pca.variances[0] - 6) < 1e-9)
        #expect(abs(pca.variances[1] - 2.0 / 3) < 1e-9)
        #expect(zip(pca.axes[0], [1.0, 0, 0]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(zip(pca.axes[1], [0.0, 1, 0]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(abs(pca.explainedVarianceRatio[0] - 0.9) < 1e-9)
        #expect(abs(pca.explainedVarianceRatio[1] - 0.1) < 1e-9)
        #expect(pca.project([3, 0, 0]).map { ($0 * 1e6).rounded() / 1e6 } == [3, 0])
    }

    @Test func theFirstAxisFollowsAnOffsetDiagonalLineWithAPositiveSign() {
        // Points on the line through (5, 5, 5) along (1, 2, 2) / 3, traced in either direction.
        let direction: [Float] = [1.0 / 3, 2.0 / 3, 2.0 / 3]
        let vectors = (-10...10).map { step in direction.map { 5 - Float(step) * $0 } }
        let pca = PrincipalComponents(of: vectors, count: 1)
        #expect(zip(pca.axes[0], direction).allSatisfy { abs($0 - Double($1)) < 1e-5 })
        #expect(abs(pca.explainedVarianceRatio[0] - 1) < 1e-6)
    }

    @Test func axesStayOrthogonalWhenOnlyOneDirectionVaries() {
        // Two points: all the variance on one axis; the second must not echo the first.
        let pca = PrincipalComponents(of: [[0.1, -0.2, 0.3, 0.05], [0.4, 0.1, -0.2, 0.25]], count: 2)
        let dot = zip(pca.axes[0], pca.axes[1]).reduce(0.0) { $0 + $1.0 * $1.1 }
        #expect(abs(dot) < 1e-9)
        #expect(abs(pca.project([0.1, -0.2, 0.3, 0.05])[1]) < 1e-9)
        #expect(abs(pca.explainedVarianceRatio[0] - 1) < 1e-9)
    }

    @Test func kMeansSeparatesDistantBlobsTheSameWayEveryTime() {
        let centres: [[Float]] = [[0, 0], [10, 10], [-10, 10]]
        let offsets: [[Float]] = [[0.1, 0], [-0.1, 0.2], [0, -0.2], [0.2, 0.1]]
        let vectors = centres.flatMap { centre in offsets.map { [centre[0] + $0[0], centre[1] + $0[1]] } }
        let clusters = KMeans(of: vectors, k: 3)
        #expect(clusters.centroids.count == 3)
        for blob in 0..<3 {
            let members = Set(clusters.assignments[(blob * 4)..<(blob * 4 + 4)])
            #expect(members.count == 1, "blob \(blob) is one cluster")
        }
        #expect(Set(clusters.assignments).count == 3)
        #expect(clusters.inertia < 1)
        #expect(KMeans(of: vectors, k: 3) == clusters)
    }

    @Test func kMeansLowersKToTheNumberOfVectors() {
        let clusters = KMeans(of: [[0, 0], [1, 1]], k: 5)
        #expect(clusters.centroids.count == 2)
        #expect(Set(clusters.assignments) == [0, 1])
        #expect(KMeans(of: [], k: 3).assignments.isEmpty)
    }

    @Test func theMapHasOnePointPerFaceWithItsLabelAndCluster() {
        let faces: [(id: Int64, descriptor: [Float], label: String?)] = [
            (1, [0, 0], "a"), (2, [0.1, 0], "a"), (3, [5, 5], "b"), (4, [5.1, 5], nil),
        ]
        let map = EmbeddingMap(faces: faces, k: 2, totalFaces: 10)
        #expect(map.points.map(\.faceID) == [1, 2, 3, 4])
        #expect(map.points.map(\.label) == ["a", "a", "b", nil])
        #expect(map.points[0].cluster == map.points[1].cluster)
        #expect(map.points[2].cluster == map.points[3].cluster)
        #expect(map.points[0].cluster != map.points[2].cluster)
        #expect(map.k == 2 && map.truncated && map.explainedVariance.count == 2)
        #expect(abs(map.points[0].x - map.points[2].x) > 5, "the first axis separates the groups")
        #expect(EmbeddingMap(faces: [], k: 3, totalFaces: 0).points.isEmpty)
    }
}
