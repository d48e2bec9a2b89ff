import FaceVision
import Foundation
import Synchronization
import Testing

/// face_recognition 1.3.0's test photos, fetched by scripts/setup.sh into the
/// cache folder. Missing photos fail the test with a clear message: they are
/// part of the set-up that `make test` runs, so they are never skipped.
enum TestPhotos {
    static var folder: String { ModelFolder.cacheFolder() + "/test-images" }

    static func bytes(_ name: String) throws -> [UInt8] {
        let path = folder + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SetupMissing(what: "test photo \(path) (run scripts/setup.sh or `make test`)")
        }
        return [UInt8](data)
    }
}

/// The larger labelled datasets (`../shared/datasets`), present in CI and in
/// the developers' checkouts but not on a user's machine.
enum Datasets {
    /// `$FACESEARCH_DATASETS`, or nil when it is not set or not a folder.
    static var folder: String? {
        guard let path = ProcessInfo.processInfo.environment["FACESEARCH_DATASETS"],
            FileManager.default.fileExists(atPath: path)
        else { return nil }
        return path
    }

    /// Whether the datasets are here; says loudly when they are not.
    static var available: Bool {
        if folder == nil {
            print(
                "⚠️  SKIPPED: FACESEARCH_DATASETS is not set to ../shared/datasets; dataset tests did not run")
        }
        return folder != nil
    }
}

struct SetupMissing: Error, CustomStringConvertible {
    let what: String
    var description: String { "missing \(what)" }
}

/// Pipelines are expensive to build (each worker loads ~22 MiB of weights),
/// so tests share one per configuration.
enum SharedPipelines {
    private static let cache = Mutex<[String: FacePipeline]>([:])

    static func pipeline(
        _ configuration: PipelineConfiguration = .faceRecognitionCompatible, workers: Int = 2,
        queueCapacity: Int = 64
    ) throws -> FacePipeline {
        try ModelFolder.resolve().checkPresentForTests()
        let key = "\(configuration)-\(workers)-\(queueCapacity)"
        return try cache.withLock { pipelines in
            if let pipeline = pipelines[key] { return pipeline }
            let pipeline = try FacePipeline(
                configuration: configuration, workers: workers, queueCapacity: queueCapacity)
            pipelines[key] = pipeline
            return pipeline
        }
    }
}

extension ModelFolder {
    func checkPresentForTests() throws {
        guard FileManager.default.fileExists(atPath: faceNet) else {
            throw SetupMissing(what: "dlib models in \(path) (run scripts/setup.sh or `make test`)")
        }
    }
}

extension FaceBox {
    /// face_recognition's (top, right, bottom, left) order.
    var css: [Int] { [top, right, bottom, left] }
}
