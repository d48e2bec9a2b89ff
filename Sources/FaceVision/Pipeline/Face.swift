/// One face found in a photo: where it is, how sure the detector was, its
/// landmarks and, unless only detection was asked for, its descriptor.
public struct Face: Sendable, Hashable, Codable {
    /// The face rectangle in the photo's pixel coordinates, clipped to the photo.
    public var box: FaceBox
    /// The detector's score: HOG's SVM margin or the CNN's MMOD score (higher is surer).
    public var confidence: Double
    /// The detector that found the face.
    public var detector: DetectorKind
    /// The 5 landmarks (eye corners, nose base) in the photo's pixel coordinates.
    public var landmarks: [Point]
    /// The 128-D descriptor, or nil when only detection was asked for.
    public var descriptor: FaceDescriptor?
    /// The aligned 150x150 chip the descriptor was computed from, when asked for.
    public var chip: FaceChip?

    /// A face from its parts.
    public init(
        box: FaceBox, confidence: Double, detector: DetectorKind, landmarks: [Point],
        descriptor: FaceDescriptor?, chip: FaceChip? = nil
    ) {
        self.box = box
        self.confidence = confidence
        self.detector = detector
        self.landmarks = landmarks
        self.descriptor = descriptor
        self.chip = chip
    }

    private enum CodingKeys: String, CodingKey {
        case box, confidence, detector, landmarks, descriptor
    }
}

/// What the pipeline computes for each face found.
public enum FaceOutput: Sendable {
    /// Boxes, confidences and landmarks only: the cheapest.
    case boxes
    /// Also the 128-D descriptor.
    case descriptors
    /// Also the aligned chip the descriptor came from.
    case descriptorsAndChips
}

/// Everything the pipeline found in one photo.
public struct PhotoFaces: Sendable {
    /// Width of the photo after EXIF rotation, before any scaling.
    public var width: Int
    /// Height of the photo after EXIF rotation, before any scaling.
    public var height: Int
    /// The faces, largest first.
    public var faces: [Face]
    /// How long each stage took for this photo.
    public var timings: StageTimings

    /// The face with the largest box, if any.
    public var largestFace: Face? { faces.first }
}

/// Wall-clock time spent in each stage of one photo, in seconds.
public struct StageTimings: Sendable, Equatable {
    /// Decoding the bytes into pixels (zero when pixels were given).
    public var decode: Double = 0
    /// Making the bounded-size detection copy.
    public var resize: Double = 0
    /// Running the detector(s).
    public var detect: Double = 0
    /// Placing landmarks and cutting aligned chips.
    public var align: Double = 0
    /// Computing descriptors.
    public var embed: Double = 0
    /// Time the photo waited in the inference queue before a worker took it.
    public var queueWait: Double = 0

    /// The sum of the working stages (queue wait excluded).
    public var total: Double { decode + resize + detect + align + embed }

    /// Timings of the given stages, zero for the others.
    public init(
        decode: Double = 0, resize: Double = 0, detect: Double = 0, align: Double = 0, embed: Double = 0,
        queueWait: Double = 0
    ) {
        self.decode = decode
        self.resize = resize
        self.detect = detect
        self.align = align
        self.embed = embed
        self.queueWait = queueWait
    }
}
