/// Turns uploaded bytes (JPEG, PNG or WebP) into upright RGB pixels.
///
/// The pixels are those Pillow's `Image.open(...).convert("RGB")` produces,
/// which is what face_recognition computes on, with one deliberate addition:
/// the EXIF orientation is applied, so a phone photo stored sideways comes
/// out upright. The only other differences are in 16-bit PNGs, described on
/// ``PNGSource``.
///
/// Built to face hostile input: the byte count and then the header's pixel
/// count are checked before any pixel buffer exists, every header read is
/// bounds-checked, and every codec failure becomes an ``ImageDecodingError``
/// rather than a crash. Decoding is CPU-heavy and synchronous; call it from a
/// thread of your own, not from the cooperative pool.
public struct ImageDecoder: Sendable {
    /// The limits applied to every call.
    public let limits: DecodingLimits

    /// Creates a decoder with `limits`.
    public init(limits: DecodingLimits = .init()) {
        self.limits = limits
    }

    /// Reads format, stored size and orientation from the headers only.
    ///
    /// The byte limit applies; the pixel limit does not, so a caller can learn
    /// the size of an image it would refuse to decode. Damage past the headers
    /// goes unnoticed until ``decode(_:minimumSide:)``.
    public func probe(_ bytes: [UInt8]) throws(ImageDecodingError) -> ImageInfo {
        try source(for: bytes).info
    }

    /// Decodes `bytes` into upright RGB pixels.
    ///
    /// - Parameters:
    ///   - bytes: the whole file.
    ///   - minimumSide: for JPEG only, decode at the smallest TurboJPEG scale
    ///     factor (at most 1) that keeps the stored image's longest side at
    ///     least this long; much faster when a small image is enough. PNG and
    ///     WebP ignore it and always decode at full size.
    /// - Throws: ``ImageDecodingError``, checked in this order: empty, too
    ///   many bytes, unsupported format, damaged headers, too many pixels,
    ///   then damage found while decoding.
    public func decode(_ bytes: [UInt8], minimumSide: Int? = nil) throws(ImageDecodingError) -> DecodedImage {
        let source = try source(for: bytes)
        let info = source.info
        try limits.checkPixelCount(width: info.width, height: info.height)
        let (stored, scale) = try source.decodePixels(minimumSide: minimumSide)
        return DecodedImage(
            image: stored.applying(info.orientation), format: info.format, storedWidth: info.width,
            storedHeight: info.height, orientation: info.orientation, scale: scale)
    }

    /// Checks the byte count, detects the format and reads the headers.
    private func source(for bytes: [UInt8]) throws(ImageDecodingError) -> any ImageSource {
        guard !bytes.isEmpty else { throw .empty }
        try limits.checkByteCount(bytes.count)
        guard let format = ImageFormat(detecting: bytes) else { throw .unsupportedFormat }
        switch format {
        case .jpeg: return try JPEGSource(bytes)
        case .png: return try PNGSource(bytes)
        case .webp: return try WebPSource(bytes)
        }
    }
}

/// One compressed image, its headers already read, ready to be decoded.
///
/// Each format conforms once (``JPEGSource``, ``PNGSource``, ``WebPSource``);
/// ``ImageDecoder`` does the checks common to all of them between reading the
/// headers and decoding the pixels.
protocol ImageSource {
    /// Reads the headers of `bytes`, which carry this format's signature,
    /// without allocating anything proportional to the pixel count.
    init(_ bytes: [UInt8]) throws(ImageDecodingError)

    /// What the headers say.
    var info: ImageInfo { get }

    /// Decodes the pixels as stored (orientation not yet applied).
    ///
    /// - Parameter minimumSide: when the format can decode at a reduced size
    ///   cheaply, the smallest acceptable longest side; `nil` for full size.
    /// - Returns: the pixels and the scale factor they were decoded at.
    func decodePixels(minimumSide: Int?) throws(ImageDecodingError) -> (image: RGBImage, scale: Double)
}
