/// A 2-D picture of a collection's descriptors: each face projected on the
/// first two principal components, with its label and its k-means cluster.
public struct EmbeddingMap: Sendable, Equatable {
    /// One face on the map.
    public struct Point: Sendable, Equatable {
        /// The face's id.
        public var faceID: Int64
        /// The coordinate along the first principal component.
        public var x: Double
        /// The coordinate along the second principal component.
        public var y: Double
        /// The face's label, if any.
        public var label: String?
        /// The face's k-means cluster, from 0 to `k - 1`.
        public var cluster: Int
    }

    /// The faces, by ascending id.
    public var points: [Point]
    /// The share of the variance each of the two axes explains.
    public var explainedVariance: [Double]
    /// The number of clusters (lowered to the number of faces when there are fewer).
    public var k: Int
    /// The faces in the collection.
    public var totalFaces: Int
    /// Whether the map holds only the first `maxPoints` faces of a larger collection.
    public var truncated: Bool

    /// The most faces a map holds: its first faces by id beyond that.
    public static let maxPoints = 20_000
    /// The most clusters a map may ask for.
    public static let maxClusters = 100

    /// The map of `faces` (id, descriptor, label), clustered into `k` groups.
    public init(faces: [(id: Int64, descriptor: [Float], label: String?)], k: Int, totalFaces: Int) {
        let descriptors = faces.map(\.descriptor)
        let components = PrincipalComponents(of: descriptors, count: 2)
        let clusters = KMeans(of: descriptors, k: k)
        points = faces.enumerated().map { index, face in
            let coordinates = components.project(face.descriptor)
            return Point(
                faceID: face.id, x: coordinates.first ?? 0, y: coordinates.dropFirst().first ?? 0,
                label: face.label, cluster: clusters.assignments[index])
        }
        var ratios = components.explainedVarianceRatio
        while ratios.count < 2 { ratios.append(0) }
        explainedVariance = ratios
        self.k = clusters.centroids.count
        self.totalFaces = totalFaces
        truncated = totalFaces > faces.count
    }
}
