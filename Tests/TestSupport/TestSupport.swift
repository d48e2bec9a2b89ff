import FaceVision
import Foundation
import Synchronization

/// face_recognition 1.3.0's test photos, fetched by scripts/setup.sh into the
/// cache folder. Missing photos fail the test with a clear message: they are
/// part of the set-up that `make test` runs, so they are never skipped.
public enum TestPhotos {
    /// `$FACESEARCH_CACHE/test-images`.
    public static var folder: String { ModelFolder.cacheFolder() + "/test-images" }

    /// The bytes of the test photo `name` (e.g. `obama.jpg`).
    public static func bytes(_ name: String) throws -> [UInt8] {
        let path = folder + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SetupMissing(what: "test photo \(path) (run scripts/setup.sh or `make test`)")
        }
        return [UInt8](data)
    }

    /// A JPEG of one flat colour: a photo without a face.
    public static func blank() throws -> [UInt8] {
        try JPEGEncoder().encode(
            RGBImage(width: 320, height: 240, pixels: [UInt8](repeating: 180, count: 320 * 240 * 3)))
    }
}

/// The larger labelled datasets (`../shared/datasets`), present in CI and in
/// the developers' checkouts but not on a user's machine.
public enum Datasets {
    /// `$FACESEARCH_DATASETS`, or nil when it is not set or not a folder.
    public static var folder: String? {
        guard let path = ProcessInfo.processInfo.environment["FACESEARCH_DATASETS"],
            FileManager.default.fileExists(atPath: path)
        else { return nil }
        return path
    }

    /// Whether the datasets are here; says loudly when they are not.
    public static var available: Bool {
        if folder == nil {
            print(
                "⚠️  SKIPPED: FACESEARCH_DATASETS is not set to ../shared/datasets; dataset tests did not run")
        }
        return folder != nil
    }
}

/// A part of the set-up (models, photos) is missing.
public struct SetupMissing: Error, CustomStringConvertible {
    /// What is missing and how to get it.
    public let what: String
    /// Creates the error.
    public init(what: String) { self.what = what }
    /// The message.
    public var description: String { "missing \(what)" }
}

/// Pipelines are expensive to build (each worker loads ~22 MiB of weights),
/// so every test of the process shares one per configuration.
public enum SharedPipelines {
    private static let cache = Mutex<[String: FacePipeline]>([:])

    /// The shared pipeline of these settings, built on first use.
    public static func pipeline(
        _ configuration: PipelineConfiguration = .faceRecognitionCompatible, workers: Int = 2,
        queueCapacity: Int = 64
    ) throws -> FacePipeline {
        let models = ModelFolder.resolve()
        guard FileManager.default.fileExists(atPath: models.faceNet) else {
            throw SetupMissing(what: "dlib models in \(models.path) (run scripts/setup.sh or `make test`)")
        }
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

/// A real Milvus standalone for the tests that need one: `make test` starts
/// one in a loopback-only network namespace (scripts/milvus-tests.sh) and
/// runs those tests inside it with `FACESEARCH_MILVUS` set.
public enum MilvusServer {
    /// `$FACESEARCH_MILVUS` (`HOST:PORT`), or nil when it is not set.
    public static var address: String? {
        ProcessInfo.processInfo.environment["FACESEARCH_MILVUS"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether a Milvus is here; says loudly when it is not.
    public static var available: Bool {
        if address == nil {
            print(
                "⚠️  SKIPPED: FACESEARCH_MILVUS is not set; the Milvus tests did not run here "
                    + "(scripts/milvus-tests.sh runs them against a real Milvus)")
        }
        return address != nil
    }

    /// A name no other test run uses, for a Milvus collection (letters, digits, `_`).
    public static func uniqueCollectionName(_ stem: String) -> String {
        "test_\(stem)_\(UInt32.random(in: 0...UInt32.max))_\(ProcessInfo.processInfo.processIdentifier)"
    }
}

extension MilvusServer {
    /// Whether the test Milvus can be stopped and started (scripts/milvus-tests.sh says how).
    public static var controllable: Bool {
        available && ProcessInfo.processInfo.environment["FACESEARCH_MILVUS_SCRIPT"] != nil
    }

    /// Runs `scripts/milvus.sh stop` or `start` on the test Milvus's data, on a
    /// thread of its own. Spawned and reaped with posix_spawn and waitpid:
    /// Foundation's `Process` did not see this script exit once it had started
    /// Milvus in the background (the child stayed a zombie, the wait spun).
    public static func control(_ verb: String) async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let script = environment["FACESEARCH_MILVUS_SCRIPT"],
            let data = environment["FACESEARCH_MILVUS_DATA"]
        else { throw SetupMissing(what: "FACESEARCH_MILVUS_SCRIPT and FACESEARCH_MILVUS_DATA") }
        let arguments = ["/bin/bash", script, verb] + (verb == "start" ? [data] : [])
        let status = try await onOwnThread { () throws -> Int32 in
            var pid: pid_t = 0
            let argv = arguments.map { strdup($0) } + [nil]
            defer { for argument in argv { free(argument) } }
            let spawned = posix_spawn(&pid, "/bin/bash", nil, nil, argv, environ)
            guard spawned == 0 else {
                throw SetupMissing(what: "bash to run milvus.sh (posix_spawn \(spawned))")
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return status
        }
        guard status == 0 else {
            throw SetupMissing(what: "a Milvus that obeys `milvus.sh \(verb)` (wait status \(status))")
        }
    }
}
