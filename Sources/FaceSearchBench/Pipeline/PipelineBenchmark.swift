import FaceVision
import Foundation

/// Measures the whole pipeline on a set of photos held in memory: per-stage
/// medians, photos per second, CPU time and how often no face was found.
/// A program's measurement, printed by `facesearch bench pipeline`; never a test.
public enum PipelineBenchmark {
    /// The figures of one run.
    public struct Report: Sendable {
        /// Inference threads used.
        public var workers: Int
        /// Photos analysed.
        public var photos: Int
        /// Wall-clock seconds for all of them.
        public var seconds: Double
        /// Process CPU seconds (user + system) spent during the run.
        public var cpuSeconds: Double
        /// Faces found in all photos.
        public var faces: Int
        /// Paths of photos where no face was found.
        public var noFace: [String]
        /// Paths and reasons of photos that could not be analysed.
        public var failures: [(String, String)]
        /// The median time of each stage over all photos.
        public var medians: StageTimings
        /// Every photo's outcome, in path order.
        public var outcomes: [PhotoOutcome] = []

        /// Photos per second over the run.
        public var photosPerSecond: Double { Double(photos) / seconds }
        /// CPU seconds per photo.
        public var cpuSecondsPerPhoto: Double { cpuSeconds / Double(max(photos, 1)) }
    }

    /// Analyses every photo of `photos` (path, bytes) once through `pipeline`,
    /// keeping its queue full.
    public static func run(_ photos: [(String, [UInt8])], pipeline: FacePipeline) async -> Report {
        let cpuBefore = processCPUSeconds()
        let started = ContinuousClock.now
        var timings: [StageTimings] = []
        var report = Report(
            workers: pipeline.workerCount, photos: photos.count, seconds: 0, cpuSeconds: 0, faces: 0,
            noFace: [], failures: [], medians: StageTimings())
        await withTaskGroup(of: (String, Result<PhotoFaces, any Error>).self) { group in
            var next = 0
            func startNext() {
                guard next < photos.count else { return }
                let (path, bytes) = photos[next]
                next += 1
                group.addTask { (path, await Result(catching: { try await pipeline.analyze(bytes) })) }
            }
            for _ in 0..<min(photos.count, pipeline.queueCapacity) { startNext() }
            for await (path, outcome) in group {
                switch outcome {
                case .success(let photo):
                    report.outcomes.append(
                        PhotoOutcome(path: path, photo: photo, embedder: pipeline.configuration.embedder))
                    timings.append(photo.timings)
                    report.faces += photo.faces.count
                    if photo.faces.isEmpty { report.noFace.append(path) }
                case .failure(let error):
                    report.failures.append((path, "\(error)"))
                    report.outcomes.append(PhotoOutcome(path: path, error: "\(error)"))
                }
                startNext()
            }
        }
        report.seconds = (ContinuousClock.now - started).seconds
        report.cpuSeconds = processCPUSeconds() - cpuBefore
        report.noFace.sort()
        report.outcomes.sort { $0.path < $1.path }
        report.medians = StageTimings(
            decode: median(timings.map(\.decode)), resize: median(timings.map(\.resize)),
            detect: median(timings.map(\.detect)), align: median(timings.map(\.align)),
            embed: median(timings.map(\.embed)), queueWait: median(timings.map(\.queueWait)))
        return report
    }

    /// User plus system CPU seconds of this process so far.
    public static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The peak resident memory of this process, in bytes.
    public static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    private static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted.count % 2 == 1
            ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

extension Result where Failure == any Error {
    /// Captures the outcome of an async throwing call.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
