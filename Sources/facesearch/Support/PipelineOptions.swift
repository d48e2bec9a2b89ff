import ArgumentParser
import FaceVision
import Foundation

/// The face pipeline settings every command that looks at photos shares.
struct PipelineOptions: ParsableArguments {
    @Option(help: "Folder of the model files (default: $FACESEARCH_MODELS or the setup cache).")
    var models: String?

    @Option(
        help: """
            Detector: yunet, hog, cnn, or hog+cnn (the CNN only when HOG finds nothing). \
            Default: \(PipelineConfiguration().detector.rawValue); yunet with --embedder sface.
            """)
    var detector: PipelineConfiguration.DetectorChoice?

    @Option(
        help: """
            Embedder: sface (SFace on OpenCV, cosine; needs yunet) or dlib (dlib's ResNet, euclidean). \
            Default: \(PipelineConfiguration().embedder.rawValue); dlib with a dlib --detector (hog, cnn, hog+cnn).
            """)
    var embedder: EmbedderChoice?

    @Option(help: "Longest side of the copy YuNet runs on; 0 for full size.")
    var yunetSize: Int = PipelineConfiguration().yunetMaxSide ?? 0

    @Option(help: "YuNet's score threshold, 0.05 to 1.")
    var yunetThreshold: Double = PipelineConfiguration().yunetScoreThreshold

    @Option(help: "Longest side of the copy HOG runs on; 0 for full size.")
    var detectSize: Int = PipelineConfiguration().detectionMaxSide ?? 0

    @Option(
        help: "Doublings before HOG: 0 to 3, below:N (one when the copy is under N px), or auto (below:800).")
    var upsample: String = "auto"

    @Option(help: "Longest side of the copy the CNN runs on; 0 for full size.")
    var cnnSize: Int = PipelineConfiguration().cnnMaxSide ?? 0

    @Option(help: "Doublings before the CNN: 0 to 3, below:N, or auto (below:800).")
    var cnnUpsample: String = "0"

    @Option(help: "Black border around the detection copy, as a fraction of its longest side.")
    var edgePadding: Double = PipelineConfiguration().edgePadding

    @Option(help: "Average each descriptor over this many jittered chips (1: none).")
    var jitters: Int = 1

    @Option(help: "Inference threads (default: one per core).")
    var workers: Int?

    @Flag(help: "Use face_recognition 1.3.0's settings: full-size HOG with one doubling.")
    var faceRecognitionCompatible = false

    func validate() throws {
        for (name, value) in [("--upsample", upsample), ("--cnn-upsample", cnnUpsample)]
        where Self.upsampling(value) == nil {
            throw ValidationError("\(name) must be 0 to 3, below:N (N at least 64) or auto, not \(value)")
        }
        for (name, value) in [
            ("--detect-size", detectSize), ("--cnn-size", cnnSize), ("--yunet-size", yunetSize),
        ]
        where value != 0 && value < 64 {
            throw ValidationError("\(name) must be 0 or at least 64")
        }
        if !(1...100).contains(jitters) { throw ValidationError("--jitters must be 1 to 100") }
        if !(0...0.5).contains(edgePadding) { throw ValidationError("--edge-padding must be 0 to 0.5") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if !(0.05...1).contains(yunetThreshold) {
            throw ValidationError("--yunet-threshold must be 0.05 to 1")
        }
        do {
            try configuration.models.validate()
        } catch {
            throw ValidationError("--embedder sface needs --detector yunet (its five landmarks)")
        }
    }

    /// The pipeline settings these options describe.
    var configuration: PipelineConfiguration {
        var configuration = faceRecognitionCompatible ? .faceRecognitionCompatible : PipelineConfiguration()
        configuration.models = ModelChoice.resolving(
            detector: detector, embedder: embedder, defaults: configuration.models)
        configuration.yunetMaxSide = yunetSize == 0 ? nil : yunetSize
        configuration.yunetScoreThreshold = yunetThreshold
        configuration.jitters = jitters
        configuration.edgePadding = edgePadding
        if !faceRecognitionCompatible {
            configuration.detectionMaxSide = detectSize == 0 ? nil : detectSize
            configuration.cnnMaxSide = cnnSize == 0 ? nil : cnnSize
            configuration.upsampling = Self.upsampling(upsample) ?? configuration.upsampling
            configuration.cnnUpsampling = Self.upsampling(cnnUpsample) ?? configuration.cnnUpsampling
        }
        return configuration
    }

    /// The detector and embedder when either was named on the command line
    /// (nil: the collection's own, or the defaults).
    var explicitModels: ModelChoice? {
        detector == nil && embedder == nil ? nil : configuration.models
    }

    /// `0` to `3`, `below:N`, or `auto` (HOG's default rule, one doubling below 800 px); nil when invalid.
    static func upsampling(_ text: String) -> PipelineConfiguration.Upsampling? {
        if text == "auto" { return PipelineConfiguration().upsampling }
        if let count = Int(text) { return (0...3).contains(count) ? .fixed(count) : nil }
        guard text.hasPrefix("below:"), let side = Int(text.dropFirst(6)), side >= 64 else { return nil }
        return .automatic(belowSide: side)
    }

    /// Loads the models and starts a pipeline with at most `maxWorkers` threads.
    func makePipeline(maxWorkers: Int = .max) throws -> FacePipeline {
        try FacePipeline(
            models: models.map(ModelFolder.init(path:)) ?? .resolve(),
            configuration: configuration,
            workers: max(1, min(workers ?? ProcessInfo.processInfo.activeProcessorCount, maxWorkers)),
            logger: quietLogger)
    }
}

extension PipelineConfiguration.DetectorChoice: ExpressibleByArgument {}
extension EmbedderChoice: ExpressibleByArgument {}
