import Foundation

/// The per-thread part of the pipeline: the detectors and descriptor nets used
/// by exactly one pool thread, plus the shared landmark predictor. Runs a whole
/// photo synchronously on the calling thread. The models of the configured
/// choice load at once; others load on their first use (a collection created
/// with other models).
///
/// `@unchecked Sendable`: a worker is created on the thread that builds the
/// pool and then handed to its own pool thread, which is the only one that
/// ever calls it. The native objects it owns must not be shared (see `HOGDetector`).
final class FaceWorker: @unchecked Sendable {
    private let configuration: PipelineConfiguration
    private let models: ModelFolder
    let decoder: ImageDecoder
    private let hog: HOGDetector
    private let predictor: ShapePredictor
    private var cnnModel: CNNDetector?
    private var yunetModel: YuNetDetector?
    private var dlibNetModel: FaceNet?
    private var sfaceModel: SFaceNet?

    init(models: ModelFolder, predictor: ShapePredictor, configuration: PipelineConfiguration) throws {
        self.configuration = configuration
        self.models = models
        self.decoder = ImageDecoder(limits: configuration.decodingLimits)
        self.predictor = predictor
        self.hog = try HOGDetector()
        try load(configuration.models)
    }

    /// Loads the models `choice` needs, unless they are loaded already.
    func load(_ choice: ModelChoice) throws(FaceVisionError) {
        switch choice.detector {
        case .hog: break
        case .cnn, .hogThenCNN: _ = try cnn()
        case .yunet: _ = try yunet()
        }
        switch choice.embedder {
        case .dlib: _ = try dlibNet()
        case .sface: _ = try sface()
        }
    }

    private func cnn() throws(FaceVisionError) -> CNNDetector {
        try loaded(\.cnnModel) { () throws(FaceVisionError) in try CNNDetector(modelPath: models.cnnDetector)
        }
    }

    private func yunet() throws(FaceVisionError) -> YuNetDetector {
        try loaded(\.yunetModel) { () throws(FaceVisionError) in
            try YuNetDetector(modelPath: models.yunet, layers: configuration.convolutions)
        }
    }

    private func dlibNet() throws(FaceVisionError) -> FaceNet {
        try loaded(\.dlibNetModel) { () throws(FaceVisionError) in try FaceNet(modelPath: models.faceNet) }
    }

    private func sface() throws(FaceVisionError) -> SFaceNet {
        try loaded(\.sfaceModel) { () throws(FaceVisionError) in
            try SFaceNet(modelPath: models.sface, layers: configuration.convolutions)
        }
    }

    /// The model in `slot`, loaded by `load` on first use.
    private func loaded<Model>(
        _ slot: ReferenceWritableKeyPath<FaceWorker, Model?>, _ load: () throws(FaceVisionError) -> Model
    ) throws(FaceVisionError) -> Model {
        if let model = self[keyPath: slot] { return model }
        let model = try load()
        self[keyPath: slot] = model
        return model
    }

    /// Decodes `bytes` and finds every face, computing what `output` asks for.
    func analyze(bytes: [UInt8], output: FaceOutput, models choice: ModelChoice) throws -> PhotoFaces {
        let clock = ContinuousClock()
        let start = clock.now
        let decoded = try decoder.decode(bytes, minimumSide: configuration.decodeTargetSide)
        let decodeTime = (clock.now - start).seconds
        var result = try analyze(
            image: decoded.image, originalWidth: decoded.orientedWidth,
            originalHeight: decoded.orientedHeight, output: output, models: choice)
        result.timings.decode = decodeTime
        return result
    }

    /// Finds faces in `image`, a copy of a photo of `originalWidth` x
    /// `originalHeight` pixels (the same size when it was not scaled).
    func analyze(
        image: RGBImage, originalWidth: Int, originalHeight: Int, output: FaceOutput,
        models choice: ModelChoice
    ) throws -> PhotoFaces {
        try choice.validate()
        let describe = output != .boxes
        var timings = StageTimings()
        let clock = ContinuousClock()
        var mark = clock.now
        func lap() -> Double {
            let now = clock.now
            defer { mark = now }
            return (now - mark).seconds
        }

        let found = try detectFaces(in: image, detector: choice.detector, timings: &timings, lap: lap)
        var landmarks: [[Point]] = []
        var chips: [FaceChip] = []
        for face in found {
            if choice.embedder == .sface, let yunetPoints = face.yunetLandmarks {
                landmarks.append(face.points)
                if describe { chips.append(try image.sfaceChip(landmarks: yunetPoints)) }
            } else {
                let points = try predictor.landmarks(in: image, box: face.box)
                landmarks.append(points)
                if describe {
                    chips.append(try image.alignedChip(landmarks: points, padding: configuration.chipPadding))
                }
            }
        }
        timings.align = lap()
        let descriptors = try describe ? self.descriptors(of: chips, embedder: choice.embedder) : []
        timings.embed = lap()

        let toOriginal = Double(originalWidth) / Double(image.width)
        var faces = found.enumerated().map { index, detection in
            let (box, kind) = (detection.box, detection.kind)
            let mapped = box.scaled(by: toOriginal)
            return Face(
                box: FaceBox(
                    left: max(mapped.left, 0), top: max(mapped.top, 0),
                    right: min(mapped.right, originalWidth), bottom: min(mapped.bottom, originalHeight)),
                confidence: box.confidence, detector: kind,
                landmarks: landmarks[index].map {
                    Point(
                        x: Int((Double($0.x) * toOriginal).rounded()),
                        y: Int((Double($0.y) * toOriginal).rounded()))
                },
                descriptor: describe ? descriptors[index] : nil,
                chip: output == .descriptorsAndChips ? chips[index] : nil)
        }
        faces.sort { ($0.box.area, $0.confidence) > ($1.box.area, $1.confidence) }
        return PhotoFaces(width: originalWidth, height: originalHeight, faces: faces, timings: timings)
    }

    /// Descriptors of aligned chips, one per chip, in the order given.
    private func descriptors(of chips: [FaceChip], embedder: EmbedderChoice) throws(FaceVisionError)
        -> [FaceDescriptor]
    {
        switch embedder {
        case .dlib:
            let net = try dlibNet()
            var result: [FaceDescriptor] = []
            for chip in chips { result += try net.descriptors(of: [chip], jitters: configuration.jitters) }
            return result
        case .sface:
            return try sface().descriptors(of: chips)
        }
    }

    /// A face a detector found, in the working image's coordinates, with
    /// YuNet's five landmarks when YuNet found it.
    struct Found {
        var box: DetectedBox
        var kind: DetectorKind
        var yunetLandmarks: [Float]? = nil

        var points: [Point] {
            guard let yunetLandmarks else { return [] }
            return stride(from: 0, to: yunetLandmarks.count, by: 2).map {
                Point(x: Int(yunetLandmarks[$0].rounded()), y: Int(yunetLandmarks[$0 + 1].rounded()))
            }
        }
    }

    /// Runs `detector`; boxes come back in `image`'s coordinates.
    private func detectFaces(
        in image: RGBImage, detector: PipelineConfiguration.DetectorChoice, timings: inout StageTimings,
        lap: () -> Double
    ) throws -> [Found] {
        if detector == .yunet { return try detectWithYuNet(in: image, timings: &timings, lap: lap) }
        var found: [Found] = []
        if detector != .cnn {
            found = try detect(
                in: image, maxSide: configuration.detectionMaxSide, upsampling: configuration.upsampling,
                timings: &timings, lap: lap
            ) {
                try self.hog.detect(in: $0, upsample: $1)
            }.map { Found(box: $0, kind: .hog) }
        }
        if detector != .hog, found.isEmpty {
            let cnn = try cnn()
            found = try detect(
                in: image, maxSide: configuration.cnnMaxSide, upsampling: configuration.cnnUpsampling,
                timings: &timings, lap: lap
            ) {
                try cnn.detect(in: $0, upsample: $1)
            }.map { Found(box: $0, kind: .cnn) }
        }
        return found
    }

    /// Runs YuNet on a bounded copy of `image` and maps its boxes and
    /// landmarks back to `image`'s coordinates.
    private func detectWithYuNet(in image: RGBImage, timings: inout StageTimings, lap: () -> Double) throws
        -> [Found]
    {
        let copy = try image.boundedCopy(longestSide: configuration.yunetMaxSide)
        timings.resize += lap()
        let detections = try yunet().detect(
            in: copy.image, threshold: configuration.yunetScoreThreshold, overlap: configuration.yunetOverlap)
        timings.detect += lap()
        let scale = Float(copy.toSource)
        return detections.map {
            Found(
                box: $0.box.scaled(by: copy.toSource), kind: .yunet,
                yunetLandmarks: $0.landmarks.map { $0 * scale })
        }
    }

    /// Runs one detector on a bounded, padded copy of `image` and maps its
    /// boxes back to `image`'s coordinates.
    private func detect(
        in image: RGBImage, maxSide: Int?, upsampling: PipelineConfiguration.Upsampling,
        timings: inout StageTimings, lap: () -> Double,
        _ detector: (RGBImage, Int) throws -> [DetectedBox]
    ) throws -> [DetectedBox] {
        let copy = try image.boundedCopy(longestSide: maxSide)
        let margin = Int((Double(copy.image.longestSide) * configuration.edgePadding).rounded())
        let padded = copy.image.padded(by: margin)
        timings.resize += lap()
        let upsample = upsampling.count(forLongestSide: copy.image.longestSide)
        let boxes = try detector(padded, upsample).map {
            DetectedBox(
                left: $0.left - margin, top: $0.top - margin, right: $0.right - margin,
                bottom: $0.bottom - margin,
                confidence: $0.confidence
            ).scaled(by: copy.toSource)
        }
        timings.detect += lap()
        return boxes
    }

    /// Descriptors for chips cut elsewhere (used by tests and benchmarks).
    func describe(chips: [FaceChip], embedder: EmbedderChoice) throws -> [FaceDescriptor] {
        switch embedder {
        case .dlib: try dlibNet().descriptors(of: chips, jitters: configuration.jitters)
        case .sface: try sface().descriptors(of: chips)
        }
    }
}

extension RGBImage {
    /// A copy no longer than `longestSide` (the image itself when it already
    /// fits) and the factor that maps the copy's coordinates back to this image.
    func boundedCopy(longestSide limit: Int?) throws(FaceVisionError) -> (image: RGBImage, toSource: Double) {
        guard let limit, longestSide > limit else { return (self, 1) }
        let scale = Double(limit) / Double(longestSide)
        let width = max(1, Int((Double(width) * scale).rounded()))
        let height = max(1, Int((Double(height) * scale).rounded()))
        return (try resized(width: width, height: height), Double(self.width) / Double(width))
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) * 1e-18
    }
}
