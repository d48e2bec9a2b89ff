/// How the pipeline finds and describes faces. The defaults (YuNet and SFace)
/// were chosen from measurements (docs/QUALITY.md); `faceRecognitionCompatible`
/// reproduces face_recognition 1.3.0 with dlib's models.
public struct PipelineConfiguration: Sendable, Equatable {
    /// Which detector runs.
    public enum DetectorChoice: String, Sendable, CaseIterable, Codable {
        /// HOG only: fast, frontal faces.
        case hog
        /// The MMOD CNN only: slow on a CPU, finds turned and small faces.
        case cnn
        /// HOG, then the CNN only for photos where HOG found nothing.
        case hogThenCNN = "hog+cnn"
        /// YuNet on OpenCV: a small CNN, fast, with five landmarks of its own.
        case yunet
    }

    /// How many times the detection copy is doubled before detecting.
    public enum Upsampling: Sendable, Equatable {
        /// Always this many doublings (face_recognition's default is 1).
        case fixed(Int)
        /// One doubling when the detection copy's longest side is below this,
        /// none otherwise: small photos get small faces found, large ones stay fast.
        case automatic(belowSide: Int)

        /// The doublings for a detection copy whose longest side is `side`.
        public func count(forLongestSide side: Int) -> Int {
            switch self {
            case .fixed(let count): count
            case .automatic(let threshold): side < threshold ? 1 : 0
            }
        }
    }

    /// The detector (default YuNet: on celeba-dev it finds a face in all but 2
    /// photos, against 5 for HOG then the CNN, at a fifth of the detection
    /// time; docs/QUALITY.md, "Detector and embedder"). `hogThenCNN` was the
    /// default before: HOG, then the CNN where HOG found nothing.
    public var detector: DetectorChoice = .yunet
    /// The network that describes each face (default SFace: on celeba-dev its
    /// TAR at FAR 0.1% over all pairs is 91.6% against dlib's 88.6%, at 2.4
    /// times the photos per second with YuNet; docs/QUALITY.md).
    public var embedder: EmbedderChoice = .sface
    /// YuNet runs on a copy whose longest side is at most this (nil: full size).
    public var yunetMaxSide: Int? = 640
    /// YuNet's candidates scoring below this (0 to 1) are dropped.
    public var yunetScoreThreshold: Double = 0.6
    /// YuNet's boxes overlapping a better one by more than this (intersection
    /// over union) are dropped.
    public var yunetOverlap: Double = 0.3
    /// Which code runs YuNet's and SFace's convolutions.
    public enum ConvolutionLayers: String, Sendable, CaseIterable, Codable {
        /// facesearch's own layers for the 3x3 depthwise and 1x1
        /// convolutions (a direct loop, AVX2 where the processor has it, and
        /// BLAS), OpenCV's for the rest: the same results up to rounding,
        /// SFace and YuNet about a third faster (docs/PIPELINE.md).
        case facesearch
        /// OpenCV 4.6's for every layer, to compare against.
        case opencv
    }

    /// Which code runs YuNet's and SFace's convolutions (default facesearch's).
    public var convolutions: ConvolutionLayers = .facesearch
    /// HOG runs on a copy whose longest side is at most this (nil: full size).
    public var detectionMaxSide: Int? = 1024
    /// The CNN runs on a copy whose longest side is at most this (nil: full size).
    public var cnnMaxSide: Int? = 800
    /// A black border, as a fraction of the detection copy's longest side, added
    /// around it before detecting, so that faces cut by the frame can be found.
    public var edgePadding: Double = 0
    /// Doublings before HOG: one for copies under 800 px, whose faces may be
    /// smaller than HOG's 80-pixel window. Doubling only below 400 px is 1.4x
    /// faster on celeba-dev but misses small faces in group photos of 600 px
    /// (docs/QUALITY.md, "Defaults from evidence").
    public var upsampling: Upsampling = .automatic(belowSide: 800)
    /// Doublings before the CNN. With `cnnMaxSide` this is the CNN's time
    /// budget: by default it never sees more than 800 x 800 pixels (about
    /// 1.5 s on one core of this machine; a 500 px photo takes 0.5 s).
    public var cnnUpsampling: Upsampling = .fixed(0)
    /// JPEGs are decoded with libjpeg-turbo's scaling to the smallest size whose
    /// longest side is still at least this (nil: always full size). Landmarks
    /// and chips come from this working image; results are in original pixels.
    public var decodeTargetSide: Int? = 2048
    /// Descriptors are averaged over this many jittered copies of the chip (1: none).
    public var jitters: Int = 1
    /// Padding around the landmarks of the aligned chip (dlib's examples use 0.25).
    public var chipPadding: Double = 0.25
    /// Limits checked before any pixel is decoded.
    public var decodingLimits = DecodingLimits()

    /// The defaults.
    public init() {}

    /// The detector and embedder, together.
    public var models: ModelChoice {
        get { ModelChoice(detector: detector, embedder: embedder) }
        set {
            detector = newValue.detector
            embedder = newValue.embedder
        }
    }

    /// face_recognition 1.3.0's defaults: full-size HOG with one doubling,
    /// no CNN fallback, no scaled decoding, one jitter. Gives exactly its
    /// boxes and descriptors (and with the CNN, those of its `model="cnn"`).
    public static var faceRecognitionCompatible: PipelineConfiguration {
        var configuration = PipelineConfiguration()
        configuration.detector = .hog
        configuration.embedder = .dlib
        configuration.detectionMaxSide = nil
        configuration.cnnMaxSide = nil
        configuration.decodeTargetSide = nil
        configuration.upsampling = .fixed(1)
        configuration.cnnUpsampling = .fixed(1)
        return configuration
    }

    /// Throws when a setting is out of range.
    public func validate() throws(FaceVisionError) {
        if let side = detectionMaxSide, side < 64 { throw .invalidConfiguration("detection side below 64") }
        if let side = cnnMaxSide, side < 64 { throw .invalidConfiguration("CNN side below 64") }
        if let side = yunetMaxSide, side < 64 { throw .invalidConfiguration("YuNet side below 64") }
        if !(0.05...1).contains(yunetScoreThreshold) {
            throw .invalidConfiguration("YuNet score threshold must be 0.05 to 1")
        }
        if !(0.05...0.95).contains(yunetOverlap) {
            throw .invalidConfiguration("YuNet overlap must be 0.05 to 0.95")
        }
        try models.validate()
        if let side = decodeTargetSide, side < 64 { throw .invalidConfiguration("decode side below 64") }
        for doublings in [upsampling, cnnUpsampling] {
            if case .fixed(let count) = doublings, !(0...3).contains(count) {
                throw .invalidConfiguration("upsampling must be 0 to 3 doublings")
            }
        }
        if !(0...0.5).contains(edgePadding) { throw .invalidConfiguration("edge padding must be 0 to 0.5") }
        if !(1...100).contains(jitters) { throw .invalidConfiguration("jitters must be 1 to 100") }
        if !(0...1).contains(chipPadding) { throw .invalidConfiguration("chip padding must be 0 to 1") }
    }
}
