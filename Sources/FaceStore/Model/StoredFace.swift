import Foundation

/// A stored face: where it is in its photo, its descriptor and what the
/// caller said about it.
public struct StoredFace: Sendable, Hashable, Codable {
    /// The store's id; never reused, so a vector index can key on it.
    public let id: Int64
    /// The photo the face is in.
    public let imageID: Int64
    /// The collection of that photo.
    public let collectionID: Int64
    /// The box's left edge in pixels of the stored photo.
    public let left: Int
    /// The box's top edge.
    public let top: Int
    /// The box's right edge.
    public let right: Int
    /// The box's bottom edge.
    public let bottom: Int
    /// Landmarks as `[x, y]` pairs.
    public let landmarks: [[Int]]
    /// The detector's confidence.
    public let confidence: Double
    /// The quality score given at indexing.
    public let quality: Double
    /// The embedding, bit for bit as stored.
    public let descriptor: [Float]
    /// Who this is, if known.
    public let label: String?
    /// The caller's id for the face or person, if any.
    public let externalID: String?
    /// Free-form metadata, if any.
    public let metadata: [String: JSONValue]?
    /// When the face was stored (millisecond precision).
    public let createdAt: Date
}
