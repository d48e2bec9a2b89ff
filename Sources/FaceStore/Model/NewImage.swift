/// A photo to store: its original bytes and what is known about them.
public struct NewImage: Sendable {
    /// The image formats the store accepts, with the extension of their stored files.
    public static let formats: [String: String] = ["jpeg": "jpg", "png": "png", "webp": "webp"]

    /// The original file's bytes, stored unchanged.
    public var bytes: [UInt8]
    /// The lower-case hex SHA-256 of `bytes` (``FaceStore/sha256(_:)``); the
    /// store checks it, since it names the stored file.
    public var sha256: String
    /// Width in pixels, after EXIF orientation.
    public var width: Int
    /// Height in pixels, after EXIF orientation.
    public var height: Int
    /// `"jpeg"`, `"png"` or `"webp"`.
    public var format: String
    /// The caller's id for the photo, if any.
    public var externalID: String?
    /// Free-form metadata, stored as a JSON object.
    public var metadata: [String: JSONValue]?

    /// A photo to store.
    public init(
        bytes: [UInt8], sha256: String, width: Int, height: Int, format: String,
        externalID: String? = nil, metadata: [String: JSONValue]? = nil
    ) {
        self.bytes = bytes
        self.sha256 = sha256
        self.width = width
        self.height = height
        self.format = format
        self.externalID = externalID
        self.metadata = metadata
    }

    /// This image with its external id in NFC, checked by ``FaceText``.
    func normalizedText() throws(FaceStoreError) -> NewImage {
        var image = self
        image.externalID = try FaceText.normalized(ifPresent: externalID, as: .externalID)
        return image
    }

    /// Checks everything but the digest (checked off the cooperative pool, with the bytes).
    func validate() throws(FaceStoreError) {
        guard Self.formats[format] != nil else {
            throw .invalidInput("format \"\(format)\" is not jpeg, png or webp")
        }
        guard width > 0, height > 0 else {
            throw .invalidInput("image size \(width)x\(height) is not positive")
        }
        guard sha256.utf8.count == 64, sha256.utf8.allSatisfy(\.isLowerHexDigit) else {
            throw .invalidInput("sha256 \"\(sha256)\" is not 64 lower-case hex digits")
        }
    }
}

extension UInt8 {
    /// Whether this byte is `0-9` or `a-f`.
    var isLowerHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
    }
}
