import FaceStore

/// Which faces of a photo take part in indexing or searching.
public enum FaceSelection: String, Sendable, Codable, CaseIterable {
    /// Every face found.
    case all
    /// Only the face with the largest box.
    case largest
}

/// How a search runs.
public struct SearchOptions: Sendable, Hashable {
    /// How many matches to return per query face (1 to `SearchOptions.maxTopK`).
    public var topK: Int = 5
    /// The least score a match needs; nil means the collection's default threshold.
    public var threshold: Double?
    /// Only faces with this label.
    public var label: String?
    /// Only faces whose metadata has these top-level values (string, number or bool).
    public var metadata: [String: JSONValue] = [:]
    /// Every face of the query photo, or only the largest.
    public var faces: FaceSelection = .all

    /// The most matches one query may ask for.
    public static let maxTopK = 1000

    /// Search options with the defaults.
    public init(
        topK: Int = 5, threshold: Double? = nil, label: String? = nil, metadata: [String: JSONValue] = [:],
        faces: FaceSelection = .all
    ) {
        self.topK = topK
        self.threshold = threshold
        self.label = label
        self.metadata = metadata
        self.faces = faces
    }
}

/// How a photo is indexed into a collection.
public struct IndexOptions: Sendable, Equatable {
    /// Every face found, or only the largest.
    public var faces: FaceSelection = .all
    /// Store at most this many faces (the largest ones); the rest are reported as skipped.
    public var maxFaces: Int?
    /// The person the faces show ("this person"), if known.
    public var label: String?
    /// The caller's id for the photo and its faces.
    public var externalID: String?
    /// Free-form JSON metadata kept with the photo and its faces.
    public var metadata: [String: JSONValue]?

    /// Index options with the defaults.
    public init(
        faces: FaceSelection = .all, maxFaces: Int? = nil, label: String? = nil, externalID: String? = nil,
        metadata: [String: JSONValue]? = nil
    ) {
        self.faces = faces
        self.maxFaces = maxFaces
        self.label = label
        self.externalID = externalID
        self.metadata = metadata
    }
}
