import FaceStore
import Foundation
import Hummingbird

/// The request context of every route: Hummingbird's basics, a small body
/// limit for JSON requests (photos have their own, see ``ServerConfiguration``)
/// and a response encoder that writes URLs without escaped slashes.
public struct FaceSearchRequestContext: AccessRequestContext {
    /// Hummingbird's per-request storage (logger, route parameters).
    public var coreContext: CoreRequestContextStorage
    /// The caller, as its API key identifies it.
    public var caller = Caller.anonymous
    /// The collections this request may use, from its API key.
    public var access = CollectionAccess.all

    /// A context for one request.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = CoreRequestContextStorage(source: source)
    }

    /// JSON request bodies (collection settings) are small; photos are read
    /// with `ServerConfiguration.maxBodyBytes` instead.
    public var maxUploadSize: Int { 64 * 1024 }

    /// Sorted keys make responses stable to read and to diff.
    public var responseEncoder: JSONEncoder {
        JSONCoding.compact
    }
}
