import Foundation

/// The per-thread part of the pipeline: one HOG detector, one CNN detector
/// and one descriptor net, used by exactly one pool thread, plus the shared
/// landmark predictor. Runs a whole photo synchronously on the calling thread.
///
/// `@unchecked Sendable`: a worker is created on the thread that builds the
/// pool and then handed to its own pool thread, which is the only one that
/// ever calls it. The dlib objects it owns must not be shared (see `HOGDetector`).
final class FaceWorker: @unchecked Sendable {
    private let configuration: PipelineConfiguration
    let decoder: ImageDecoder
    private let hog: HOGDetector
    private let cnn: CNNDetector?
    private let predictor: ShapePredictor
    private let net: FaceNet

    init(models: ModelFolder, predictor: ShapePredictor, configuration: PipelineConfiguration) throws {
        self.configuration = configuration
        self.decoder = ImageDecoder(limits: configuration.decodingLimits)
        self.predictor = predictor
        self.hog = try HOGDetector()
        self.cnn = configuration.detector == .hog ? nil : try CNNDetector(modelPath: models.cnnDetector)
        self.net = try FaceNet(modelPath: models.faceNet)
    }

    /// Decodes `bytes` and finds every face, computing what `output` asks for.
    func analyze(bytes: [UInt8], output: FaceOutput) throws -> PhotoFaces {
        let clock = ContinuousClock()
        let start = clock.now
        let decoded = try decoder.decode(bytes, minimumSide: configuration.decodeTargetSide)
        let decodeTime = (clock.now - start).seconds
        var result = try analyze(
            image: decoded.image, originalWidth: decoded.orientedWidth,
            originalHeight: decoded.orientedHeight, output: output)
        result.timings.decode = decodeTime
        return result
    }

    /// Finds faces in `image`, a copy of a photo of `originalWidth` x
    /// `originalHeight` pixels (the same size when it was not scaled).
    func analyze(image: RGBImage, originalWidth: Int, originalHeight: Int, output: FaceOutput) throws
        -> PhotoFaces
    {
        let describe = output != .boxes
        var timings = StageTimings()
        let clock = ContinuousClock()
        var mark = clock.now
        func lap() -> Double {
            let now = clock.now
            defer { mark = now }
            return (now - mark).seconds
        }

        let found = try detectFaces(in: image, timings: &timings, lap: lap)
        var landmarks: [[Point]] = []
        var chips: [FaceChip] = []
        for (box, _) in found {
            let points = try predictor.landmarks(in: image, box: box)
            landmarks.append(points)
            if describe {
                chips.append(try image.alignedChip(landmarks: points, padding: configuration.chipPadding))
            }
        }
        timings.align = lap()
        let descriptors =
            try describe ? chips.map { try net.descriptors(of: [$0], jitters: configuration.jitters)[0] } : []
        timings.embed = lap()

        let toOriginal = Double(originalWidth) / Double(image.width)
        var faces = found.enumerated().map { index, detection in
            let (box, kind) = detection
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

    /// Runs the configured detector(s); boxes come back in `image`'s coordinates.
    private func detectFaces(
        in image: RGBImage, timings: inout StageTimings, lap: () -> Double
    ) throws -> [(DetectedBox, DetectorKind)] {
        var found: [(DetectedBox, DetectorKind)] = []
        if configuration.detector != .cnn {
            found = try detect(
                in: image, maxSide: configuration.detectionMaxSide, upsampling: configuration.upsampling,
                timings: &timings, lap: lap
            ) {
                try self.hog.detect(in: $0, upsample: $1)
            }.map { ($0, .hog) }
        }
        if let cnn, found.isEmpty {
            found = try detect(
                in: image, maxSide: configuration.cnnMaxSide, upsampling: configuration.cnnUpsampling,
                timings: &timings, lap: lap
            ) {
                try cnn.detect(in: $0, upsample: $1)
            }.map { ($0, .cnn) }
        }
        return found
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
    func describe(chips: [FaceChip]) throws -> [FaceDescriptor] {
        try net.descriptors(of: chips, jitters: configuration.jitters)
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
