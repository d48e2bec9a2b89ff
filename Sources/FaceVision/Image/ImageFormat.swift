/// The compressed image formats the decoder accepts.
///
/// Detection looks only at the leading magic bytes, never at a file name or a
/// declared content type, so a mislabelled upload is still read correctly and
/// a disguised one is still refused.
public enum ImageFormat: String, Sendable, CaseIterable, CustomStringConvertible {
    /// JPEG (JFIF, Exif, Adobe), baseline or progressive.
    case jpeg
    /// PNG, any bit depth and colour type, interlaced or not.
    case png
    /// WebP, lossy or lossless, still or animated.
    case webp

    /// Detects the format from the first bytes of a file; `nil` when they are
    /// not the signature of a supported format.
    public init?(detecting bytes: [UInt8]) {
        if bytes.starts(with: Self.jpegSignature) {
            self = .jpeg
        } else if bytes.starts(with: Self.pngSignature) {
            self = .png
        } else if bytes.count >= 12, bytes.starts(with: Self.riffSignature),
            bytes[8..<12].elementsEqual(Self.webpSignature)
        {
            self = .webp
        } else {
            return nil
        }
    }

    /// The media type a server announces for this format.
    public var mimeType: String {
        switch self {
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .webp: "image/webp"
        }
    }

    /// The conventional upper-case name, as used in messages.
    public var description: String {
        switch self {
        case .jpeg: "JPEG"
        case .png: "PNG"
        case .webp: "WebP"
        }
    }

    /// SOI marker followed by the first byte of the next marker.
    static let jpegSignature: [UInt8] = [0xFF, 0xD8, 0xFF]
    /// The eight-byte PNG file signature.
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// "RIFF", followed by a four-byte size and then "WEBP".
    static let riffSignature: [UInt8] = Array("RIFF".utf8)
    /// The RIFF form type of a WebP file.
    static let webpSignature: [UInt8] = Array("WEBP".utf8)
}
