import CDlibShim
import COpenCVShim
import Foundation
import Logging
import Synchronization

/// Finds, aligns and describes the faces of photos on a fixed pool of
/// inference threads, each with its own models, behind a bounded queue.
///
/// Models load once, in `init`. All methods are safe to call from any task;
/// the work itself never runs on Swift's cooperative thread pool.
public final class FacePipeline: Sendable {
    /// The settings every photo is analysed with.
    public let configuration: PipelineConfiguration
    /// The folder the models load from.
    public let models: ModelFolder
    let pool: InferencePool
    private let timingObserver = Mutex<(@Sendable (StageTimings) -> Void)?>(nil)

    /// Loads the models from `models` into `workers` workers (one per core by
    /// default) and starts their threads. `queueCapacity` bounds how many
    /// photos may wait; past it, calls fail with `FaceVisionError.overloaded`.
    public init(
        models: ModelFolder = .resolve(),
        configuration: PipelineConfiguration = PipelineConfiguration(),
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        queueCapacity: Int = 64,
        logger: Logger = Logger(label: "facesearch.vision")
    ) throws {
        try configuration.validate()
        guard workers > 0, queueCapacity > 0 else {
            throw FaceVisionError.invalidConfiguration("workers and queue capacity must be positive")
        }
        try models.verify(for: configuration.models)
        // OpenBLAS's and OpenCV's threads would fight the pool's threads;
        // parallelism comes from the pool.
        let openBLAS = fsd_limit_blas_threads() == 1
        fso_limit_threads(1)
        let started = ContinuousClock.now
        let predictor = try ShapePredictor(modelPath: models.shapePredictor)
        let faceWorkers = try (0..<workers).map { _ in
            try FaceWorker(models: models, predictor: predictor, configuration: configuration)
        }
        self.configuration = configuration
        self.models = models
        self.pool = InferencePool(workers: faceWorkers, capacity: queueCapacity)
        logger.info(
            "face pipeline ready",
            metadata: [
                "workers": "\(workers)", "queue.capacity": "\(queueCapacity)",
                "detector": "\(configuration.detector.rawValue)",
                "embedder": "\(configuration.embedder.rawValue)",
                "convolutions": "\(configuration.convolutions.rawValue)",
                "models": "\(models.path)", "dlib": "\(String(cString: fsd_dlib_version()))",
                "opencv": "\(String(cString: fso_opencv_version()))", "openblas.single_thread": "\(openBLAS)",
                "load.seconds": "\((ContinuousClock.now - started).seconds)",
            ])
    }

    deinit { pool.close() }

    /// Decodes a photo and returns every face, largest first, with what
    /// `output` asks for, found and described by `models` (the configured ones
    /// by default). Throws `ImageDecodingError` for bytes that are not a
    /// usable image and `FaceVisionError.overloaded` when the queue is full.
    public func analyze(_ bytes: [UInt8], output: FaceOutput = .descriptors, models: ModelChoice? = nil)
        async throws -> PhotoFaces
    {
        let choice = models ?? configuration.models
        let result = try await pool.run { worker, waited in
            var result = try worker.analyze(bytes: bytes, output: output, models: choice)
            result.timings.queueWait = waited.seconds
            return result
        }
        timingObserver.withLock { $0 }?(result.timings)
        return result
    }

    /// Every face of an already decoded photo, largest first.
    public func analyze(_ image: RGBImage, output: FaceOutput = .descriptors, models: ModelChoice? = nil)
        async throws -> PhotoFaces
    {
        let choice = models ?? configuration.models
        let result = try await pool.run { worker, waited in
            var result = try worker.analyze(
                image: image, originalWidth: image.width, originalHeight: image.height, output: output,
                models: choice)
            result.timings.queueWait = waited.seconds
            return result
        }
        timingObserver.withLock { $0 }?(result.timings)
        return result
    }

    /// Boxes, confidences and landmarks only (no descriptors: faster).
    public func detect(_ bytes: [UInt8], models: ModelChoice? = nil) async throws -> PhotoFaces {
        try await analyze(bytes, output: .boxes, models: models)
    }

    /// Descriptors for already aligned chips (of the embedder's side), one per chip.
    public func describe(chips: [FaceChip], embedder: EmbedderChoice? = nil) async throws -> [FaceDescriptor]
    {
        let embedder = embedder ?? configuration.embedder
        return try await pool.run { worker, _ in try worker.describe(chips: chips, embedder: embedder) }
    }

    /// Checks that the model files `choice` needs are present and intact,
    /// before a collection is created with them.
    public func verifyModels(for choice: ModelChoice) throws(FaceVisionError) {
        try choice.validate()
        try models.verify(for: choice)
    }

    /// Calls `observer` with the stage timings of every photo analysed from now
    /// on (a metrics exporter's hook); replaces any earlier observer.
    public func observeTimings(_ observer: @escaping @Sendable (StageTimings) -> Void) {
        timingObserver.withLock { $0 = observer }
    }

    /// Photos waiting for a worker now.
    public var queueDepth: Int { pool.queueDepth }
    /// Workers busy now.
    public var busyWorkers: Int { pool.busyWorkers }
    /// The number of inference threads.
    public var workerCount: Int { pool.threadCount }
    /// The most photos that may wait at once.
    public var queueCapacity: Int { pool.capacity }

    /// Stops accepting photos; queued ones still finish.
    public func shutdown() { pool.close() }
}
