import CWebP

/// A WebP file, lossy or lossless, decoded with libwebp.
///
/// Alpha is dropped (libwebp's RGB output mode ignores it), as Pillow's
/// `convert("RGB")` does. An animated WebP yields its first frame, rendered on
/// the full canvas the way Pillow (and libwebp's animation decoder) shows it:
/// areas the frame does not cover are transparent black, hence black.
struct WebPSource: ImageSource {
    let info: ImageInfo
    private let bytes: [UInt8]
    private let isAnimated: Bool

    init(_ bytes: [UInt8]) throws(ImageDecodingError) {
        var features = WebPBitstreamFeatures()
        let status = bytes.withUnsafeBufferPointer { WebPGetFeatures($0.baseAddress, $0.count, &features) }
        guard status == VP8_STATUS_OK else { throw Self.error(status, bytes: bytes) }
        guard features.width > 0, features.height > 0 else {
            throw .corrupt(.webp, reason: "zero width or height")
        }
        self.bytes = bytes
        isAnimated = features.has_animation != 0
        let chunks = WebPChunks(bytes)
        info = ImageInfo(
            format: .webp, width: Int(features.width), height: Int(features.height),
            orientation: chunks.orientation(in: bytes))
    }

    /// Decodes at full size (`minimumSide` is ignored).
    func decodePixels(minimumSide: Int?) throws(ImageDecodingError) -> (image: RGBImage, scale: Double) {
        let pixels = try isAnimated ? decodeFirstFrame() : decodeStill()
        return (RGBImage(width: info.width, height: info.height, pixels: pixels), 1)
    }

    private func decodeStill() throws(ImageDecodingError) -> [UInt8] {
        var config = WebPDecoderConfig()
        guard WebPInitDecoderConfig(&config) != 0 else {
            throw .corrupt(.webp, reason: "libwebp version mismatch")
        }
        var status = VP8_STATUS_OK
        let pixels = [UInt8](unsafeUninitializedCapacity: info.width * info.height * 3) { buffer, count in
            config.output.colorspace = MODE_RGB
            config.output.is_external_memory = 1
            config.output.u.RGBA.rgba = buffer.baseAddress
            config.output.u.RGBA.stride = Int32(info.width * 3)
            config.output.u.RGBA.size = buffer.count
            status = bytes.withUnsafeBufferPointer { WebPDecode($0.baseAddress, $0.count, &config) }
            WebPFreeDecBuffer(&config.output)
            count = buffer.count
        }
        guard status == VP8_STATUS_OK else { throw Self.error(status, bytes: bytes) }
        return pixels
    }

    private func decodeFirstFrame() throws(ImageDecodingError) -> [UInt8] {
        var options = WebPAnimDecoderOptions()
        guard WebPAnimDecoderOptionsInit(&options) != 0 else {
            throw .corrupt(.webp, reason: "libwebp version mismatch")
        }
        options.color_mode = MODE_RGBA
        options.use_threads = 0
        let canvas: [UInt8]? = bytes.withUnsafeBufferPointer { buffer in
            var data = WebPData(bytes: buffer.baseAddress, size: buffer.count)
            guard let decoder = WebPAnimDecoderNew(&data, &options) else { return nil }
            defer { WebPAnimDecoderDelete(decoder) }
            var info = WebPAnimInfo()
            var frame: UnsafeMutablePointer<UInt8>?
            var timestamp: Int32 = 0
            guard WebPAnimDecoderGetInfo(decoder, &info) != 0,
                Int(info.canvas_width) == self.info.width, Int(info.canvas_height) == self.info.height,
                WebPAnimDecoderGetNext(decoder, &frame, &timestamp) != 0, let frame
            else { return nil }
            // The frame belongs to the decoder: copy RGB out before deleting it.
            let pixelCount = self.info.width * self.info.height
            return [UInt8](unsafeUninitializedCapacity: pixelCount * 3) { rgb, count in
                for pixel in 0..<pixelCount {
                    rgb[pixel * 3] = frame[pixel * 4]
                    rgb[pixel * 3 + 1] = frame[pixel * 4 + 1]
                    rgb[pixel * 3 + 2] = frame[pixel * 4 + 2]
                }
                count = pixelCount * 3
            }
        }
        guard let canvas else {
            // The animation decoder gives no reason; only a short file can be told apart.
            if WebPChunks.declaresMoreBytes(than: bytes) { throw .truncated(.webp) }
            throw .corrupt(.webp, reason: "the animation cannot be decoded")
        }
        return canvas
    }

    /// Maps a libwebp status to an error. A RIFF header promising more bytes
    /// than there are also means truncation, whatever libwebp says.
    private static func error(_ status: VP8StatusCode, bytes: [UInt8]) -> ImageDecodingError {
        if status == VP8_STATUS_NOT_ENOUGH_DATA || WebPChunks.declaresMoreBytes(than: bytes) {
            return .truncated(.webp)
        }
        switch status {
        case VP8_STATUS_UNSUPPORTED_FEATURE: return .corrupt(.webp, reason: "unsupported WebP feature")
        case VP8_STATUS_OUT_OF_MEMORY: return .corrupt(.webp, reason: "libwebp ran out of memory")
        default: return .corrupt(.webp, reason: "invalid WebP bitstream (status \(status.rawValue))")
        }
    }
}
