/// Why an index refused an operation. A refused `add` or search changes nothing.
public enum VectorIndexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A vector or query has `actual` components where the index holds `expected`.
    case dimensionMismatch(expected: Int, actual: Int)
    /// An entry's id is already in the index, or appears twice in one `add`.
    case duplicateID(Int64)
    /// The number of neighbours asked for is below 1.
    case invalidK(Int)
    /// A vector or query holds a NaN or an infinity.
    case nonFiniteValue
    /// A cosine index was given an all-zero vector, which has no direction to compare.
    case zeroVector
    /// A remote index failed (unreachable, timed out, refused); the in-process index never throws it.
    case backendFailure(String)
    /// The system refused the memory for more vectors.
    case outOfMemory(String)
    /// A saved index file is unreadable, truncated, corrupt or of another shape.
    case corruptFile(String)
    /// Index parameters out of their range (HNSW's m, ef_construction, ef).
    case invalidParameters(String)

    /// A stable machine-readable code for logs and API errors.
    public var code: String {
        switch self {
        case .dimensionMismatch: "dimension_mismatch"
        case .duplicateID: "duplicate_id"
        case .invalidK: "invalid_k"
        case .nonFiniteValue: "non_finite_value"
        case .zeroVector: "zero_vector"
        case .backendFailure: "index_backend_failure"
        case .outOfMemory: "index_out_of_memory"
        case .corruptFile: "index_file_invalid"
        case .invalidParameters: "invalid_index_parameters"
        }
    }

    /// A one-line explanation for people.
    public var description: String {
        switch self {
        case .dimensionMismatch(let expected, let actual):
            "the vector has \(actual) values where the index holds \(expected)"
        case .duplicateID(let id): "face id \(id) is already in the index"
        case .invalidK(let k): "the number of neighbours must be at least 1, not \(k)"
        case .nonFiniteValue: "the vector holds a NaN or an infinite value"
        case .zeroVector: "a zero vector has no direction for cosine distance"
        case .backendFailure(let message): "the vector index failed: \(message)"
        case .outOfMemory(let message): "the vector index is out of memory: \(message)"
        case .corruptFile(let message): "the saved index cannot be used: \(message)"
        case .invalidParameters(let message): "invalid index parameters: \(message)"
        }
    }
}
