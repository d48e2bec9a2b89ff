/// Failures of the engine that callers must tell apart (a server maps each to
/// an HTTP status; the CLI prints its description).
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No collection has this name.
    case collectionNotFound(String)
    /// A collection with this name exists already.
    case collectionExists(String)
    /// No face has this id in the collection.
    case faceNotFound(Int64)
    /// The photo holds no face where one is required.
    case noFace
    /// A parameter is out of range; the message says which and why.
    case invalidArgument(String)
    /// The store and the index disagree at start (should never happen; means a bug).
    case inconsistent(String)
    /// A request asked for models other than the collection's: its descriptors
    /// could not be compared with the collection's.
    case modelMismatch(collection: String, collectionModels: String, asked: String)
    /// The collection is being re-embedded: writes wait for the swap.
    case reembedInProgress(String)
    /// A collection holds descriptors of a model this build cannot compute.
    case unsupportedModel(collection: String, modelID: String)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .collectionNotFound: "collection_not_found"
        case .collectionExists: "collection_exists"
        case .faceNotFound: "face_not_found"
        case .noFace: "no_face"
        case .invalidArgument: "invalid_argument"
        case .inconsistent: "inconsistent_index"
        case .modelMismatch: "model_mismatch"
        case .reembedInProgress: "reembed_in_progress"
        case .unsupportedModel: "unsupported_model"
        }
    }

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .collectionNotFound(let name): "no collection is named \(name)"
        case .collectionExists(let name): "a collection named \(name) exists already"
        case .faceNotFound(let id): "no face has id \(id)"
        case .noFace: "no face was found in the photo"
        case .invalidArgument(let message): message
        case .inconsistent(let message): "the vector index disagrees with the store: \(message)"
        case .modelMismatch(let collection, let models, let asked):
            "collection \(collection) is searched with \(models), not \(asked): descriptors of different "
                + "models cannot be compared (create another collection, or re-embed this one)"
        case .reembedInProgress(let name):
            "collection \(name) is being re-embedded: it answers searches but takes no writes until the new "
                + "descriptors replace the old (resume with `facesearch collections reembed`, or cancel it)"
        case .unsupportedModel(let collection, let modelID):
            "collection \(collection) holds descriptors of model \(modelID), which this build cannot compute"
        }
    }
}
