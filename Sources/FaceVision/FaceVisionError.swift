/// Failures of the face pipeline other than image decoding.
public enum FaceVisionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A model file the pipeline needs is not in the model folder.
    case modelMissing(path: String)
    /// A model file exists but dlib could not read it as the expected network.
    case modelInvalid(path: String, reason: String)
    /// dlib failed while computing; the message is dlib's.
    case native(String)
    /// The bounded inference queue is full; the caller should retry later.
    case overloaded(queueCapacity: Int)
    /// The pipeline has been shut down and accepts no more work.
    case shutDown
    /// A setting is out of its valid range.
    case invalidConfiguration(String)

    /// A stable machine-readable code for logs and API errors.
    public var code: String {
        switch self {
        case .modelMissing: "model_missing"
        case .modelInvalid: "model_invalid"
        case .native: "native_error"
        case .overloaded: "overloaded"
        case .shutDown: "shut_down"
        case .invalidConfiguration: "invalid_configuration"
        }
    }

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .modelMissing(let path):
            "model file \(path) is missing (run scripts/setup.sh or set FACESEARCH_MODELS)"
        case .modelInvalid(let path, let reason): "model file \(path) cannot be loaded: \(reason)"
        case .native(let message): "face pipeline failed: \(message)"
        case .overloaded(let capacity): "the inference queue is full (\(capacity) photos waiting)"
        case .shutDown: "the face pipeline has shut down"
        case .invalidConfiguration(let message): "invalid pipeline setting: \(message)"
        }
    }
}
