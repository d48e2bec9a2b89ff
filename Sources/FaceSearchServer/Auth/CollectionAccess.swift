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

/// A request context that carries who sent the request (set by
/// ``KeyIdentificationMiddleware`` before routing) and the collections it
/// may use (set by the route's ``ScopeMiddleware``).
public protocol AccessRequestContext: RequestContext {
    /// The caller, as its API key identifies it.
    var caller: Caller { get set }
    /// The collections this request may use.
    var access: CollectionAccess { get set }
}
