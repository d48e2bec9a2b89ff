/// Why a store operation failed.
///
/// Input errors (a bad name, a bad filter key, a duplicate photo) name what is
/// wrong with the request; the others name what is wrong with the store. Each
/// case has a stable ``code`` for API responses and a ``description`` for people.
public enum FaceStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A collection with this name already exists.
    case collectionExists(String)
    /// No collection has this name (or id, written `#id`).
    case collectionNotFound(String)
    /// A collection name is not 1 to 64 characters of `A-Z a-z 0-9 _ -`.
    case invalidName(String)
    /// A value the store refuses: a bad metric, dimension, format, digest,
    /// descriptor length, box, landmark or metadata; `reason` says which.
    case invalidInput(String)
    /// The collection already holds a photo with these bytes.
    case duplicateImage(existingID: Int64)
    /// A metadata filter key is not 1 to 64 characters of `A-Z a-z 0-9 _ . -`.
    case invalidFilterKey(String)
    /// A label or external id breaks ``FaceText``'s rule; `field` is
    /// `label` or `external_id`, `reason` says how.
    case invalidText(field: String, reason: String)
    /// Another `FaceStore` (in this or another process) has the folder open.
    case storeInUse(String)
    /// A stored row cannot be decoded (a damaged descriptor, JSON or file name).
    case corruptRow(String)
    /// SQLite failed; the message is SQLite's.
    case database(String)
    /// A file operation failed; the message names the file and the reason.
    case io(String)

    /// A stable, machine-readable identifier, suitable for API responses.
    public var code: String {
        switch self {
        case .collectionExists: "collection_exists"
        case .collectionNotFound: "collection_not_found"
        case .invalidName: "invalid_collection_name"
        case .invalidInput: "invalid_argument"
        case .duplicateImage: "duplicate_image"
        case .invalidFilterKey: "invalid_filter_key"
        case .invalidText(let field, _): "invalid_\(field)"
        case .storeInUse: "store_in_use"
        case .corruptRow: "corrupt_row"
        case .database: "database_error"
        case .io: "io_error"
        }
    }

    /// An explanation for people.
    public var description: String {
        switch self {
        case .collectionExists(let name):
            "a collection named \(name) already exists"
        case .collectionNotFound(let name):
            "no collection named \(name)"
        case .invalidName(let name):
            "invalid collection name \"\(name)\": use 1 to 64 characters among A-Z a-z 0-9 _ -"
        case .invalidInput(let reason):
            "invalid input: \(reason)"
        case .duplicateImage(let existingID):
            "the collection already holds this photo (image \(existingID))"
        case .invalidFilterKey(let key):
            "invalid metadata filter key \"\(key)\": use 1 to 64 characters among A-Z a-z 0-9 _ . -"
        case .invalidText(let field, let reason):
            "\(field) \(reason)"
        case .storeInUse(let folder):
            "the store in \(folder) is open in another FaceStore (this or another process)"
        case .corruptRow(let reason):
            "a stored row is damaged: \(reason)"
        case .database(let message):
            "database error: \(message)"
        case .io(let message):
            "file error: \(message)"
        }
    }
}
