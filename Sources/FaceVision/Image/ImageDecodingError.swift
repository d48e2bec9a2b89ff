/// Why a byte buffer could not be turned into an image.
///
/// Every case names what is wrong with the input, never with the server, so
/// an HTTP layer can answer with a client error, the stable ``code`` and the
/// human-readable ``description``.
public enum ImageDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The buffer holds no bytes at all.
    case empty
    /// The buffer is larger than ``DecodingLimits/maxBytes``.
    case tooManyBytes(count: Int, limit: Int)
    /// The header declares more pixels than ``DecodingLimits/maxPixels``.
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// The bytes are not JPEG, PNG or WebP (GIF, BMP, HEIC, text, noise...).
    case unsupportedFormat
    /// The file starts correctly but its data ends early.
    case truncated(ImageFormat)
    /// The file is damaged or invalid; `reason` is the codec's explanation.
    case corrupt(ImageFormat, reason: String)

    /// A stable, machine-readable identifier, suitable for API responses.
    public var code: String {
        switch self {
        case .empty: "image_empty"
        case .tooManyBytes: "image_too_large"
        case .tooManyPixels: "image_too_many_pixels"
        case .unsupportedFormat: "unsupported_media_type"
        case .truncated: "image_truncated"
        case .corrupt: "image_corrupt"
        }
    }

    /// An explanation for people, naming the format and the offending numbers.
    public var description: String {
        switch self {
        case .empty:
            "the image is empty (0 bytes)"
        case .tooManyBytes(let count, let limit):
            "the image is \(count) bytes; the limit is \(limit) bytes"
        case .tooManyPixels(let width, let height, let limit):
            "the image is \(width)x\(height) pixels; the limit is \(limit) pixels"
        case .unsupportedFormat:
            "not a JPEG, PNG or WebP image"
        case .truncated(let format):
            "the \(format) image is truncated: its data ends early"
        case .corrupt(let format, let reason):
            "the \(format) image is corrupt: \(reason)"
        }
    }
}
