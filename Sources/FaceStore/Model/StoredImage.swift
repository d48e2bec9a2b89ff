import Foundation

/// A stored photo. Only the store makes these, so ``fileName`` is always one
/// the store generated (`<2 hex>/<sha256>.<ext>`), never user input.
public struct StoredImage: Sendable, Hashable, Codable {
    /// The store's id.
    public let id: Int64
    /// The collection the photo belongs to.
    public let collectionID: Int64
    /// The lower-case hex SHA-256 of the original bytes.
    public let sha256: String
    /// The original file's size in bytes.
    public let byteCount: Int
    /// Width in pixels, after EXIF orientation.
    public let width: Int
    /// Height in pixels, after EXIF orientation.
    public let height: Int
    /// `"jpeg"`, `"png"` or `"webp"`.
    public let format: String
    /// The stored original, relative to the images folder (see ``FaceStore/fileURL(of:)``).
    public let fileName: String
    /// The caller's id for the photo, if any.
    public let externalID: String?
    /// Free-form metadata, if any.
    public let metadata: [String: JSONValue]?
    /// When the photo was stored (millisecond precision).
    public let createdAt: Date
}
