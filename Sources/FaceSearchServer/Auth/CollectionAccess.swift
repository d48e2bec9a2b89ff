import FaceStore
import Hummingbird

/// The collections the caller of a request may use, from its API key: a
/// key may be limited to some collections (`facesearch keys create
/// --collection`). Without authentication every collection is reachable.
public enum CollectionAccess: Sendable, Equatable {
    /// Every collection.
    case all
    /// Only the collections named here.
    case only(Set<String>)

    /// The access a key grants.
    init(_ key: APIKeyRecord) {
        self = key.collections.map { .only(Set($0)) } ?? .all
    }

    /// Whether the caller may use `collection`.
    public func allows(_ collection: String) -> Bool {
        switch self {
        case .all: true
        case .only(let names): names.contains(collection)
        }
    }

    /// Throws 403 `forbidden` unless the caller may use `collection`. The
    /// answer does not depend on whether the collection exists.
    func check(_ collection: String) throws(APIError) {
        guard allows(collection) else {
            throw APIError(
                .forbidden, code: "forbidden",
                message: "this API key may not use the collection \(collection)")
        }
    }
}

/// A request context that carries the caller's ``CollectionAccess``, set by
/// the authentication middleware before any route runs.
public protocol AccessRequestContext: RequestContext {
    /// The collections this request may use.
    var access: CollectionAccess { get set }
}
