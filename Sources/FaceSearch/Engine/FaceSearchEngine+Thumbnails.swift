import FaceStore
import FaceVision
import Foundation

/// A face's thumbnail and the collection it belongs to, so a server can
/// check that the caller may read that collection before answering.
public struct FaceThumbnail: Sendable {
    /// A square JPEG of the face.
    public let jpeg: [UInt8]
    /// The name of the face's collection.
    public let collection: String
}

extension FaceSearchEngine {
    /// The side of face thumbnails, in pixels.
    public static let thumbnailSide = 160

    /// A square JPEG of a stored face, cut from its stored photo on the
    /// pipeline's threads, or from the thumbnail cache. Face ids are never
    /// reused, so a thumbnail never changes. Throws `faceNotFound` for an
    /// unknown id, and for a face whose collection `allows` refuses (so a
    /// caller cannot tell the two apart).
    public func thumbnail(ofFace id: Int64, allows: (String) -> Bool = { _ in true }) async throws
        -> FaceThumbnail
    {
        guard let face = try await store.face(id: id),
            let collection = try await store.collection(id: face.collectionID), allows(collection.name)
        else { throw EngineError.faceNotFound(id) }
        // Asked only after the store has the face and the caller may read its
        // collection, so a deleted or forbidden face is never served from here.
        if let jpeg = thumbnailCache.value(for: id) {
            return FaceThumbnail(jpeg: jpeg, collection: collection.name)
        }
        guard let image = try await store.image(id: face.imageID) else { throw EngineError.faceNotFound(id) }
        let bytes = try await storedBytes(of: image)
        let box = FaceBox(left: face.left, top: face.top, right: face.right, bottom: face.bottom)
        let jpeg = try await pipeline.thumbnail(of: bytes, box: box, side: Self.thumbnailSide)
        thumbnailCache.store(jpeg, for: id)
        return FaceThumbnail(jpeg: jpeg, collection: collection.name)
    }
}
