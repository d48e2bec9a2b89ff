import Foundation

/// What an API key may do. Scopes are ordered: `admin` includes `write`,
/// which includes `search`.
public enum APIKeyScope: String, Sendable, Codable, CaseIterable, Comparable {
    /// Read-only use: search, detect, compare, list and fetch.
    case search
    /// `search`, plus indexing and deleting faces.
    case write
    /// `write`, plus creating and deleting collections.
    case admin

    private var rank: Int {
        switch self {
        case .search: 0
        case .write: 1
        case .admin: 2
        }
    }

    /// Whether a key of this scope may do what `required` allows.
    public func includes(_ required: APIKeyScope) -> Bool {
        self >= required
    }

    /// Orders scopes by what they allow.
    public static func < (lhs: APIKeyScope, rhs: APIKeyScope) -> Bool {
        lhs.rank < rhs.rank
    }
}

/// A stored API key as the store lists it: never its secret, which is kept
/// only as a SHA-256 hash.
public struct APIKeyRecord: Sendable, Equatable, Codable {
    /// The public part of the key, `fsk_<id>_...`: 16 hex digits.
    public var id: String
    /// A name for people (who or what uses the key).
    public var name: String
    /// What the key may do.
    public var scope: APIKeyScope
    /// The only collections the key may use; nil when it may use all of them.
    public var collections: [String]?
    /// When the key was created.
    public var createdAt: Date
    /// When the key was revoked; nil while it is valid.
    public var revokedAt: Date?

    /// A record with its parts.
    public init(
        id: String, name: String, scope: APIKeyScope, collections: [String]? = nil, createdAt: Date,
        revokedAt: Date?
    ) {
        self.id = id
        self.name = name
        self.scope = scope
        self.collections = collections
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// Whether the key may read (and, with its scope, change) `collection`.
    public func mayUse(collection: String) -> Bool {
        collections?.contains(collection) ?? true
    }
}
