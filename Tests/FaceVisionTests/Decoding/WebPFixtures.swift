import CWebP
import FaceVision

/// Builds WebP files for the tests with libwebp's encoder; containers with
/// EXIF or animation are assembled by hand.
enum WebPFixtures {
    /// Lossy-encodes interleaved pixels with 3 (RGB) or 4 (RGBA) channels.
    static func lossy(_ pixels: [UInt8], width: Int, height: Int, channels: Int = 3, quality: Float = 95)
        -> [UInt8]
    {
        let (w, h, stride) = (Int32(width), Int32(height), Int32(width * channels))
        return run(pixels) { input, output in
            channels == 4
                ? WebPEncodeRGBA(input, w, h, stride, quality, output)
                : WebPEncodeRGB(input, w, h, stride, quality, output)
        }
    }

    /// Losslessly encodes interleaved pixels with 3 (RGB) or 4 (RGBA) channels.
    static func lossless(_ pixels: [UInt8], width: Int, height: Int, channels: Int = 3) -> [UInt8] {
        let (w, h, stride) = (Int32(width), Int32(height), Int32(width * channels))
        return run(pixels) { input, output in
            channels == 4
                ? WebPEncodeLosslessRGBA(input, w, h, stride, output)
                : WebPEncodeLosslessRGB(input, w, h, stride, output)
        }
    }

    /// A RIFF/WEBP file made of `chunks` (each already with its header).
    static func container(_ chunks: [[UInt8]]) -> [UInt8] {
        let body = Array("WEBP".utf8) + chunks.joined()
        return Array("RIFF".utf8) + le32(body.count) + body
    }

    /// One RIFF chunk, padded to an even size.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        Array(type.utf8) + le32(data.count) + data + (data.count.isMultiple(of: 2) ? [] : [0])
    }

    /// The image chunk ("VP8 " or "VP8L", header included) of a simple WebP.
    static func imageChunk(of webp: [UInt8]) -> [UInt8] { Array(webp[12...]) }

    /// A VP8X chunk for a canvas of `width` x `height` with `flags`
    /// (0x02 animation, 0x08 EXIF, 0x10 alpha).
    static func vp8x(width: Int, height: Int, flags: UInt8) -> [UInt8] {
        chunk("VP8X", [flags, 0, 0, 0] + le24(width - 1) + le24(height - 1))
    }

    /// An ANMF chunk placing `frame` (an image chunk) at (`x`, `y`), which
    /// must be even.
    static func animationFrame(_ frame: [UInt8], x: Int, y: Int, width: Int, height: Int) -> [UInt8] {
        chunk(
            "ANMF", le24(x / 2) + le24(y / 2) + le24(width - 1) + le24(height - 1) + le24(100) + [0] + frame)
    }

    static func le24(_ value: Int) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16)]
    }
    static func le32(_ value: Int) -> [UInt8] { le24(value & 0xFF_FFFF) + [UInt8(value >> 24 & 0xFF)] }

    private static func run(
        _ pixels: [UInt8],
        _ encode: (UnsafePointer<UInt8>?, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>) -> Int
    ) -> [UInt8] {
        var output: UnsafeMutablePointer<UInt8>?
        let size = pixels.withUnsafeBufferPointer { encode($0.baseAddress, &output) }
        precondition(size > 0, "WebP encoding failed")
        defer { WebPFree(output) }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }
}
