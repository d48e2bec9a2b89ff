import ArgumentParser
import FaceVision

/// How the detectors run: the sizes of their copies, HOG's and the CNN's
/// doublings, padding, jitters. Shared by every command that looks at
/// photos, `serve` included, whose detector and embedder are settings.
struct DetectionTuningOptions: ParsableArguments {
    @Option(help: "Longest side of the copy YuNet runs on; 0 for full size.")
    var yunetSize: Int = PipelineConfiguration().yunetMaxSide ?? 0

    @Option(help: "YuNet's score threshold, 0.05 to 1.")
    var yunetThreshold: Double = PipelineConfiguration().yunetScoreThreshold

    @Option(help: "Who runs YuNet's and SFace's 3x3 depthwise and 1x1 convolutions: facesearch or opencv.")
    var convolutions: PipelineConfiguration.ConvolutionLayers = PipelineConfiguration().convolutions

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
        if !(0.05...1).contains(yunetThreshold) {
            throw ValidationError("--yunet-threshold must be 0.05 to 1")
        }
    }

    /// The pipeline settings these options describe, with the detector and
    /// embedder resolved from those named (nil: the defaults'; a name alone
    /// brings its partner).
    func configuration(
        detector: PipelineConfiguration.DetectorChoice?, embedder: EmbedderChoice?
    ) -> PipelineConfiguration {
        var configuration = faceRecognitionCompatible ? .faceRecognitionCompatible : PipelineConfiguration()
        configuration.models = ModelChoice.resolving(
            detector: detector, embedder: embedder, defaults: configuration.models)
        configuration.yunetMaxSide = yunetSize == 0 ? nil : yunetSize
        configuration.yunetScoreThreshold = yunetThreshold
        configuration.convolutions = convolutions
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

    /// `0` to `3`, `below:N`, or `auto` (HOG's default rule, one doubling below 800 px); nil when invalid.
    static func upsampling(_ text: String) -> PipelineConfiguration.Upsampling? {
        if text == "auto" { return PipelineConfiguration().upsampling }
        if let count = Int(text) { return (0...3).contains(count) ? .fixed(count) : nil }
        guard text.hasPrefix("below:"), let side = Int(text.dropFirst(6)), side >= 64 else { return nil }
        return .automatic(belowSide: side)
    }
}
