import CPNG

/// A PNG file, decoded with libpng's simplified API.
///
/// libpng reports errors with longjmp, which Swift cannot survive; only the
/// simplified API catches them inside libpng and returns a message, so it is
/// the one used. Its conversions are then steered to match Pillow's
/// `convert("RGB")`: alpha is dropped rather than composited, and samples are
/// never gamma-corrected (see ``PNGChunks`` and ``decodePixels(minimumSide:)``).
struct PNGSource: ImageSource {
    let info: ImageInfo
    private let bytes: [UInt8]

    // png.h's composite PNG_FORMAT_* macros do not import into Swift.
    private static let rgb = UInt32(PNG_FORMAT_FLAG_COLOR)
    private static let rgba = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
    private static let linearRGB = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_LINEAR)

    init(_ bytes: [UInt8]) throws(ImageDecodingError) {
        let chunks = try PNGChunks(bytes, verifyingCRCs: false)
        self.bytes = bytes
        info = ImageInfo(
            format: .png, width: chunks.width, height: chunks.height,
            orientation: chunks.orientation(in: bytes))
    }

    /// Decodes at full size (`minimumSide` is ignored).
    ///
    /// - 8-bit images without alpha are read straight into RGB.
    /// - 16-bit images without alpha are read as 16-bit and the high byte is
    ///   kept, as Pillow's "RGB;16B" unpacker does. 16-bit grayscale keeps
    ///   the high byte too, where Pillow would clip every sample above 255 to
    ///   white, which no caller wants reproduced.
    /// - Images with alpha (an alpha channel or tRNS) are read as 8-bit RGBA
    ///   and the alpha byte is dropped. For 16-bit ones libpng rounds
    ///   (`v / 257`) instead of keeping the high byte, because its 16-bit
    ///   output with alpha is premultiplied; so these may differ from Pillow
    ///   by one level.
    func decodePixels(minimumSide: Int?) throws(ImageDecodingError) -> (image: RGBImage, scale: Double) {
        let chunks = try PNGChunks(bytes, verifyingCRCs: true)
        guard chunks.reachedEnd else { throw .truncated(.png) }
        let input = chunks.bytesForLibpng(bytes)
        let width = info.width
        let height = info.height
        var failure: ImageDecodingError?
        let pixels = input.withUnsafeBytes { input -> [UInt8]? in
            // libpng keeps a pointer to `input` between begin and finish, so
            // both calls happen inside this closure.
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            defer { png_image_free(&image) }
            guard png_image_begin_read_from_memory(&image, input.baseAddress, input.count) != 0 else {
                failure = Self.error(image)
                return nil
            }
            guard Int(image.width) == width, Int(image.height) == height else {
                failure = .corrupt(.png, reason: "IHDR: inconsistent size")
                return nil
            }
            let hasAlpha = image.format & UInt32(PNG_FORMAT_FLAG_ALPHA) != 0
            let isSixteenBit = image.format & UInt32(PNG_FORMAT_FLAG_LINEAR) != 0
            switch (hasAlpha, isSixteenBit) {
            case (false, false):
                image.format = Self.rgb
                return Self.finish(&image, channels: 3, failure: &failure)
            case (false, true):
                // With the colour chunks removed the file gamma defaults to
                // linear, the output is linear: libpng copies samples as-is.
                image.format = Self.linearRGB
                return Self.finishSixteenBit(&image, failure: &failure)
            case (true, _):
                // Without the flag 16-bit samples would count as linear and be
                // converted to sRGB; with it they only get scaled to 8 bits.
                image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
                image.format = Self.rgba
                return Self.finish(&image, channels: 4, failure: &failure).map(Self.droppingAlpha)
            }
        }
        guard let pixels else { throw failure ?? .corrupt(.png, reason: "libpng failed") }
        return (RGBImage(width: width, height: height, pixels: pixels), 1)
    }

    /// Reads the pixels as bytes, `channels` per pixel.
    private static func finish(
        _ image: inout png_image, channels: Int, failure: inout ImageDecodingError?
    ) -> [UInt8]? {
        var succeeded = false
        let pixels = [UInt8](unsafeUninitializedCapacity: Int(image.width) * Int(image.height) * channels) {
            buffer, count in
            succeeded = png_image_finish_read(&image, nil, buffer.baseAddress, 0, nil) != 0
            count = buffer.count
        }
        guard succeeded else {
            failure = error(image)
            return nil
        }
        return pixels
    }

    /// Reads 16-bit RGB and keeps the high byte of every sample.
    private static func finishSixteenBit(_ image: inout png_image, failure: inout ImageDecodingError?)
        -> [UInt8]?
    {
        var succeeded = false
        let samples = [UInt16](unsafeUninitializedCapacity: Int(image.width) * Int(image.height) * 3) {
            buffer, count in
            succeeded = png_image_finish_read(&image, nil, buffer.baseAddress, 0, nil) != 0
            count = buffer.count
        }
        guard succeeded else {
            failure = error(image)
            return nil
        }
        return samples.map { UInt8(truncatingIfNeeded: $0 >> 8) }
    }

    /// RGBA to RGB by discarding the fourth byte, as Pillow's RGBA to RGB
    /// conversion does.
    private static func droppingAlpha(_ rgba: [UInt8]) -> [UInt8] {
        let pixelCount = rgba.count / 4
        return [UInt8](unsafeUninitializedCapacity: pixelCount * 3) { rgb, count in
            for pixel in 0..<pixelCount {
                rgb[pixel * 3] = rgba[pixel * 4]
                rgb[pixel * 3 + 1] = rgba[pixel * 4 + 1]
                rgb[pixel * 3 + 2] = rgba[pixel * 4 + 2]
            }
            count = pixelCount * 3
        }
    }

    /// Turns libpng's message into an error; libpng's memory reader says
    /// "read beyond end of data" when the file stops early.
    private static func error(_ image: png_image) -> ImageDecodingError {
        let message = withUnsafeBytes(of: image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        if message.contains("beyond end of data") { return .truncated(.png) }
        return .corrupt(.png, reason: message.isEmpty ? "libpng failed" : message)
    }
}
