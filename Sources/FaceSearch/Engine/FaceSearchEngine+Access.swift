import FaceStore
import Foundation

/// A stored original photo as a server hands it out: where its file is, its
/// format and the collection it belongs to.
public struct OriginalPhoto: Sendable {
    /// The file of the original bytes, inside the data folder.
    public let file: URL
    /// `"jpeg"`, `"png"` or `"webp"`.
    public let format: String
    /// The name of the photo's collection.
    public let collection: String
    /// The caller's own id for the photo, when it gave one.
    public let externalID: String?
}

extension FaceSearchEngine {
    /// The active API key `text` names, or nil for an unknown, malformed or
    /// revoked one. Keys live in the store, which is read on every call, so
    /// a key created or revoked by the CLI counts from the next request on.
    public func authenticate(key text: String) async throws -> APIKeyRecord? {
        try await store.authenticate(key: text)
    }

    /// The stored original photo `id`, or nil when there is none or when
    /// `allows` refuses its collection (so a caller cannot tell the two apart).
    public func originalPhoto(id: Int64, allows: (String) -> Bool = { _ in true }) async throws
        -> OriginalPhoto?
    {
        guard let image = try await store.image(id: id),
            let collection = try await store.collection(id: image.collectionID), allows(collection.name)
        else { return nil }
        return OriginalPhoto(
            file: store.fileURL(of: image), format: image.format, collection: collection.name,
            externalID: image.externalID)
    }
}
