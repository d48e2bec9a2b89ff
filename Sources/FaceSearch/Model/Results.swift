import FaceStore
import FaceVision

/// One gallery face that matched a query face.
public struct FaceMatch: Sendable, Hashable, Codable {
    /// The matched face's id.
    public var faceID: Int64
    /// Similarity from 0 to 1 (see `SimilarityScore`).
    public var score: Double
    /// The descriptor distance in the collection's metric.
    public var distance: Double
    /// The matched face's label, if it has one.
    public var label: String?
    /// The matched face's external id, if it has one.
    public var externalID: String?
    /// The matched face's metadata, if any.
    public var metadata: [String: JSONValue]?
    /// The stored photo the matched face is in.
    public var imageID: Int64
    /// Where the matched face is in its stored photo.
    public var box: FaceBox
}

/// A face of the query photo and what it matched.
public struct QueryFaceResult: Sendable, Hashable, Codable {
    /// Where the face is in the query photo.
    public var box: FaceBox
    /// The detector's confidence.
    public var confidence: Double
    /// The 5 landmarks in the query photo.
    public var landmarks: [Point]
    /// The matches, best first; empty means "no match" above the threshold.
    public var matches: [FaceMatch]
}

/// The answer to a search by photo or by face id.
public struct SearchResult: Sendable, Hashable, Codable {
    /// The collection searched.
    public var collection: String
    /// The score threshold that was applied.
    public var threshold: Double
    /// One entry per query face (all, or only the largest), largest first.
    public var faces: [QueryFaceResult]
}

/// Why a detected face was not stored.
public enum SkipReason: String, Sendable, Codable {
    /// Only the largest face was asked for.
    case notLargest = "not_largest"
    /// The photo holds more faces than `maxFaces`.
    case overMaxFaces = "over_max_faces"
}

/// A face found in a photo but not stored.
public struct SkippedFace: Sendable, Hashable, Codable {
    /// Where it is.
    public var box: FaceBox
    /// The detector's confidence.
    public var confidence: Double
    /// Why it was not stored.
    public var reason: SkipReason
}

/// What indexing a photo did.
public struct IndexResult: Sendable {
    /// The stored photo (the existing one when the same bytes were stored before).
    public var image: StoredImage
    /// The stored faces (the existing ones when the photo was stored before).
    public var faces: [StoredFace]
    /// The faces found but not stored.
    public var skipped: [SkippedFace]
    /// True when the same bytes were already in the collection and nothing changed.
    public var alreadyStored: Bool
}

/// Two photos' largest faces compared.
public struct Comparison: Sendable, Hashable, Codable {
    /// The distance between the two descriptors (Euclidean for dlib, cosine for SFace).
    public var distance: Double
    /// The similarity score of that distance.
    public var score: Double
    /// Whether the score reaches the threshold.
    public var samePerson: Bool
    /// The score threshold used.
    public var threshold: Double
    /// The largest face of the first photo.
    public var first: FaceBox
    /// The largest face of the second photo.
    public var second: FaceBox
    /// The embedder whose descriptors were compared.
    public var embedder: EmbedderChoice
}
