import FaceStore
import FaceVision
import Foundation
import VectorIndex

/// Bulk ingestion: many photo files into one collection, decoded, detected and
/// embedded in parallel on the pipeline's workers.
///
/// Idempotent and resumable: a photo whose bytes the collection already holds
/// is skipped before any work, so re-running after an interruption (even
/// `kill -9`) finishes the job without duplicates. Each photo is stored
/// atomically by the store, so an interruption never leaves half a photo.
public struct Ingestor: Sendable {
    /// Settings of one run.
    public struct Options: Sendable {
        /// Every face, or only the largest, of each photo.
        public var faces: FaceSelection = .all
        /// At most this many faces per photo.
        public var maxFaces: Int?
        /// Label each face with the name of the folder its photo is in.
        public var labelFromFolder = false

        /// The defaults: all faces, no label.
        public init(faces: FaceSelection = .all, maxFaces: Int? = nil, labelFromFolder: Bool = false) {
            self.faces = faces
            self.maxFaces = maxFaces
            self.labelFromFolder = labelFromFolder
        }
    }

    private let engine: FaceSearchEngine

    /// An ingestor writing through `engine`.
    public init(engine: FaceSearchEngine) {
        self.engine = engine
    }

    /// Ingests `files` into `collection` (which must exist), calling `progress`
    /// after every file, and returns the report.
    public func run(
        files: [String], into collection: String, options: Options,
        progress: @escaping @Sendable (IngestProgress) -> Void
    ) async -> IngestReport {
        let started = ContinuousClock.now
        var state = IngestProgress(total: files.count)
        var failures: [IngestFailure] = []
        // Enough photos in flight to keep every worker busy, few enough to bound memory.
        let inFlight = max(2, engine.pipeline.workerCount * 3)
        await withTaskGroup(of: Outcome.self) { group in
            var next = 0
            func startNext() {
                guard next < files.count else { return }
                let path = files[next]
                next += 1
                group.addTask { await ingest(path, into: collection, options: options) }
            }
            for _ in 0..<min(inFlight, files.count) { startNext() }
            for await outcome in group {
                switch outcome {
                case .stored(let faces):
                    state.stored += 1
                    state.faces += faces
                case .alreadyStored: state.alreadyStored += 1
                case .failed(let failure):
                    state.failed += 1
                    failures.append(failure)
                }
                state.done += 1
                state.elapsed = (ContinuousClock.now - started).seconds
                progress(state)
                startNext()
            }
        }
        return IngestReport(
            collection: collection, files: files.count, stored: state.stored,
            alreadyStored: state.alreadyStored,
            faces: state.faces, seconds: (ContinuousClock.now - started).seconds,
            failures: failures.sorted { $0.path < $1.path })
    }

    private enum Outcome: Sendable {
        case stored(faces: Int)
        case alreadyStored
        case failed(IngestFailure)
    }

    private func ingest(_ path: String, into collection: String, options: Options) async -> Outcome {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failed(IngestFailure(path: path, code: "unreadable", message: "the file cannot be read"))
        }
        let indexOptions = IndexOptions(
            faces: options.faces, maxFaces: options.maxFaces,
            label: options.labelFromFolder ? PhotoFiles.folderLabel(of: path) : nil)
        do {
            let result = try await engine.index(photo: [UInt8](data), into: collection, options: indexOptions)
            return result.alreadyStored ? .alreadyStored : .stored(faces: result.faces.count)
        } catch {
            return .failed(IngestFailure(path: path, code: errorCode(error), message: "\(error)"))
        }
    }
}

/// The stable code of any error the engine can throw.
public func errorCode(_ error: any Error) -> String {
    switch error {
    case let error as EngineError: error.code
    case let error as ImageDecodingError: error.code
    case let error as FaceVisionError: error.code
    case let error as FaceStoreError: error.code
    case let error as VectorIndexError: error.code
    default: "internal_error"
    }
}
