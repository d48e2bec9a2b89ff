/// Why a call to Milvus failed.
public struct MilvusError: Error, Sendable, CustomStringConvertible {
    /// How it failed.
    public enum Kind: Sendable, Hashable {
        /// Milvus could not be reached, or did not answer within the call's
        /// deadline, after the retries: worth trying again later.
        case unreachable
        /// Milvus answered with an error status.
        case refused
        /// Milvus answered with something this client cannot use.
        case invalidResponse
    }

    /// How it failed.
    public var kind: Kind
    /// The operation that failed (`search`, `insert`, ...).
    public var operation: String
    /// What Milvus or the transport said.
    public var message: String

    /// An error from its parts.
    public init(_ kind: Kind, operation: String, message: String) {
        self.kind = kind
        self.operation = operation
        self.message = message
    }

    /// One line for people: the operation and the cause.
    public var description: String {
        switch kind {
        case .unreachable: "Milvus is unreachable (\(operation)): \(message)"
        case .refused: "Milvus refused \(operation): \(message)"
        case .invalidResponse: "Milvus gave an unusable answer to \(operation): \(message)"
        }
    }
}
