/// A face to store with its photo.
public struct NewFace: Sendable {
    /// The box's left edge in pixels of the stored photo (may be negative: boxes can overhang).
    public var left: Int
    /// The box's top edge.
    public var top: Int
    /// The box's right edge; at least `left`.
    public var right: Int
    /// The box's bottom edge; at least `top`.
    public var bottom: Int
    /// Landmarks as `[x, y]` pairs (dlib's 5 points).
    public var landmarks: [[Int]]
    /// The detector's confidence.
    public var confidence: Double
    /// A quality score for choosing between faces.
    public var quality: Double
    /// The embedding; its length must be the collection's dimension, every value finite.
    public var descriptor: [Float]
    /// Who this is ("this person"), if known.
    public var label: String?
    /// The caller's id for the face or person, if any.
    public var externalID: String?
    /// Free-form metadata, stored as a JSON object.
    public var metadata: [String: JSONValue]?

    /// A face to store.
    public init(
        left: Int, top: Int, right: Int, bottom: Int, landmarks: [[Int]], confidence: Double,
        quality: Double, descriptor: [Float], label: String? = nil, externalID: String? = nil,
        metadata: [String: JSONValue]? = nil
    ) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
        self.landmarks = landmarks
        self.confidence = confidence
        self.quality = quality
        self.descriptor = descriptor
        self.label = label
        self.externalID = externalID
        self.metadata = metadata
    }

    /// This face with its label and external id in NFC, checked by ``FaceText``.
    func normalizedText() throws(FaceStoreError) -> NewFace {
        var face = self
        face.label = try FaceText.normalized(ifPresent: label, as: .label)
        face.externalID = try FaceText.normalized(ifPresent: externalID, as: .externalID)
        return face
    }

    /// Checks what SQLite's constraints cannot see: the descriptor against
    /// the collection's dimension and the landmarks' shape. The box and the
    /// scores are checked by the table's CHECK constraints.
    func validate(dimension: Int) throws(FaceStoreError) {
        guard descriptor.count == dimension else {
            throw .invalidInput(
                "the descriptor has \(descriptor.count) values; the collection's dimension is \(dimension)")
        }
        guard descriptor.allSatisfy(\.isFinite) else {
            throw .invalidInput("the descriptor holds a NaN or infinite value")
        }
        guard confidence.isFinite, quality.isFinite else {
            throw .invalidInput("confidence and quality must be finite numbers")
        }
        guard landmarks.allSatisfy({ $0.count == 2 }) else {
            throw .invalidInput("every landmark must be an [x, y] pair")
        }
    }
}
