/// The network that turns an aligned face into a descriptor. Descriptors of
/// different embedders are not comparable: a collection keeps one embedder.
public enum EmbedderChoice: String, Sendable, CaseIterable, Codable {
    /// dlib's ResNet (face_recognition's model): 150-pixel chips aligned on
    /// dlib's 5-point landmarks, Euclidean distance, same person below 0.6.
    case dlib
    /// SFace 2021dec on OpenCV: 112-pixel chips aligned on YuNet's five
    /// landmarks, cosine similarity. Needs the YuNet detector.
    case sface

    /// The model id a collection records for this embedder's descriptors.
    public var modelID: String {
        switch self {
        case .dlib: "dlib_face_recognition_resnet_model_v1"
        case .sface: "opencv_face_recognition_sface_2021dec"
        }
    }

    /// The embedder whose descriptors a collection of `modelID` holds.
    public init?(modelID: String) {
        guard let match = Self.allCases.first(where: { $0.modelID == modelID }) else { return nil }
        self = match
    }
}

/// The detector and embedder one photo is analysed with: the server's
/// settings by default, a collection's own when it was created with others.
public struct ModelChoice: Sendable, Hashable, Codable {
    /// Which detector finds the faces.
    public var detector: PipelineConfiguration.DetectorChoice
    /// Which network describes them.
    public var embedder: EmbedderChoice

    /// A choice of detector and embedder (check it with `validate`).
    public init(detector: PipelineConfiguration.DetectorChoice, embedder: EmbedderChoice) {
        self.detector = detector
        self.embedder = embedder
    }

    /// Throws when the embedder cannot work with the detector: SFace aligns on
    /// YuNet's eye centres and mouth corners, which dlib's detectors do not give.
    public func validate() throws(FaceVisionError) {
        if embedder == .sface && detector != .yunet {
            throw .invalidConfiguration("the sface embedder needs the yunet detector (its five landmarks)")
        }
    }

    /// The models a caller names, `defaults` for what it leaves out. A name
    /// alone brings a partner that works with it: the sface embedder brings
    /// the yunet detector, and a dlib detector (hog, cnn, hog+cnn) the dlib
    /// embedder. A pair named in full is kept as named (check it with `validate`).
    public static func resolving(
        detector: PipelineConfiguration.DetectorChoice?, embedder: EmbedderChoice?, defaults: ModelChoice
    ) -> ModelChoice {
        var choice = defaults
        switch (detector, embedder) {
        case (nil, nil): break
        case (let detector?, let embedder?): choice = ModelChoice(detector: detector, embedder: embedder)
        case (nil, let embedder?):
            choice.embedder = embedder
            if embedder == .sface { choice.detector = .yunet }
        case (let detector?, nil):
            choice.detector = detector
            if detector != .yunet { choice.embedder = .dlib }
        }
        return choice
    }

    /// "yunet+sface", as logs and benchmarks print it.
    public var text: String { "\(detector.rawValue)/\(embedder.rawValue)" }
}

extension EmbedderChoice {
    /// The distance two descriptors of this embedder are compared by: dlib's
    /// Euclidean distance, or for SFace the cosine distance `1 - cos(angle)`.
    public func distance(_ a: FaceDescriptor, _ b: FaceDescriptor) -> Double {
        switch self {
        case .dlib: return a.distance(to: b)
        case .sface:
            var dot = 0.0
            var normA = 0.0
            var normB = 0.0
            for (x, y) in zip(a.values, b.values) {
                dot += Double(x) * Double(y)
                normA += Double(x) * Double(x)
                normB += Double(y) * Double(y)
            }
            let norms = (normA * normB).squareRoot()
            return norms > 0 ? 1 - dot / norms : 1
        }
    }

    /// The name of `distance`'s measure: "euclidean" or "cosine".
    public var distanceName: String { self == .dlib ? "euclidean" : "cosine" }

    /// The distance at or below which two faces are taken for one person:
    /// dlib's 0.6, and for SFace the cosine distance 0.637 (cosine similarity
    /// 0.363, OpenCV's published threshold for this model; docs/QUALITY.md
    /// gives its false accept rate on celeba-dev).
    public var samePersonDistance: Double {
        switch self {
        case .dlib: FaceDescriptor.samePersonThreshold
        case .sface: 0.637
        }
    }
}
