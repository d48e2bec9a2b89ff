/// An 8-bit RGB image: rows from top to bottom, each pixel three bytes (red,
/// green, blue), no padding between rows.
///
/// This is the one pixel layout every stage of the pipeline shares: decoders
/// produce it, the dlib shim reads it without copying, encoders consume it.
public struct RGBImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width * height * 3` bytes, row-major, interleaved RGB.
    public let pixels: [UInt8]

    /// Wraps pixel bytes; `pixels.count` must be `width * height * 3`.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0, "an image has at least one pixel")
        precondition(pixels.count == width * height * 3, "pixel buffer does not match \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The longer of width and height.
    public var longestSide: Int { max(width, height) }

    /// The red, green and blue values at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let offset = (y * width + x) * 3
        return (pixels[offset], pixels[offset + 1], pixels[offset + 2])
    }
}
