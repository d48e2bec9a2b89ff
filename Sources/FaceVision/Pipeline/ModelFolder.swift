import Foundation

/// The folder holding dlib's pretrained models (from the PyPI package
/// face_recognition_models 0.3.0, fetched by scripts/setup.sh).
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

    /// Throws `modelMissing` for the first model file that is not there.
    func checkPresent(needsCNN: Bool) throws(FaceVisionError) {
        for file in [shapePredictor, faceNet] + (needsCNN ? [cnnDetector] : [])
        where !FileManager.default.isReadableFile(atPath: file) {
            throw .modelMissing(path: file)
        }
    }
}
