/// Upper bounds that keep one hostile or careless upload from exhausting the
/// server's memory.
///
/// Both limits are checked before any pixel buffer exists: the byte count
/// first, then the pixel count the header declares. A small file declaring a
/// 60000x60000 image is therefore refused without allocating anything.
public struct DecodingLimits: Sendable, Equatable {
    /// The largest compressed file accepted, in bytes.
    public var maxBytes: Int
    /// The largest `width * height` accepted, as declared by the file header
    /// (before any scaled decode).
    public var maxPixels: Int

    /// The default largest file: 40 MiB.
    public static let defaultMaxBytes = 40 * 1024 * 1024
    /// The default largest image: 50 megapixels, about 150 MB of RGB.
    public static let defaultMaxPixels = 50_000_000

    /// Creates limits; the defaults suit photos from current phones and cameras.
    public init(maxBytes: Int = Self.defaultMaxBytes, maxPixels: Int = Self.defaultMaxPixels) {
        self.maxBytes = maxBytes
        self.maxPixels = maxPixels
    }

    /// Throws when `count` compressed bytes exceed ``maxBytes``.
    func checkByteCount(_ count: Int) throws(ImageDecodingError) {
        guard count <= maxBytes else {
            throw .tooManyBytes(count: count, limit: maxBytes)
        }
    }

    /// Throws when a declared size exceeds ``maxPixels``; the multiplication
    /// cannot overflow into a small number and slip through.
    func checkPixelCount(width: Int, height: Int) throws(ImageDecodingError) {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maxPixels else {
            throw .tooManyPixels(width: width, height: height, limit: maxPixels)
        }
    }
}
