/// One search result: a face id and its distance to the query.
///
/// For `DistanceMetric.euclidean` the distance is the true L2 distance (the
/// square root taken); for `.cosine` it is `1 - cos`, from 0 (same direction)
/// to 2. Hits order by ascending distance, then ascending id, which is the
/// order every search returns them in and lets results from several indexes
/// (shards, partitions) merge with a plain sort.
public struct IndexHit: Sendable, Hashable, Comparable {
    /// The face's id.
    public let id: Int64
    /// The distance to the query under the index's metric.
    public let distance: Float

    /// A hit from its parts.
    public init(id: Int64, distance: Float) {
        self.id = id
        self.distance = distance
    }

    /// Nearer first; equal distances by ascending id.
    public static func < (lhs: IndexHit, rhs: IndexHit) -> Bool {
        lhs.distance < rhs.distance || (lhs.distance == rhs.distance && lhs.id < rhs.id)
    }
}
