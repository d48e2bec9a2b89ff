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

    @Option(help: "Inference threads (default: one per core).")
    var workers: Int?

    @OptionGroup var tuning: DetectionTuningOptions

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        do {
            try configuration.models.validate()
        } catch {
            throw ValidationError("--embedder sface needs --detector yunet (its five landmarks)")
        }
    }

    /// The pipeline settings these options describe.
    var configuration: PipelineConfiguration {
        tuning.configuration(detector: detector, embedder: embedder)
    }

    /// The detector and embedder when either was named on the command line
    /// (nil: the collection's own, or the defaults).
    var explicitModels: ModelChoice? {
        detector == nil && embedder == nil ? nil : configuration.models
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
extension PipelineConfiguration.ConvolutionLayers: ExpressibleByArgument {}
