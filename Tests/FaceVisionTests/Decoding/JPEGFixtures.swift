import CTurboJPEG
import FaceVision

/// Builds JPEG files for the tests with TurboJPEG's compressor.
enum JPEGFixtures {
    /// Compresses interleaved pixels of `pixelFormat` (RGB, gray or CMYK).
    static func compress(
        _ pixels: [UInt8], width: Int, height: Int, pixelFormat: TJPF = TJPF_RGB,
        subsampling: TJSAMP = TJSAMP_420, quality: Int = 95, flags: Int32 = 0
    ) -> [UInt8] {
        let handle = tjInitCompress()!
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = pixels.withUnsafeBufferPointer {
            tjCompress2(
                handle, $0.baseAddress, Int32(width), 0, Int32(height), pixelFormat.rawValue, &output, &size,
                Int32(subsampling.rawValue), Int32(quality), flags)
        }
        precondition(status == 0, String(cString: tjGetErrorStr2(handle)))
        defer { tjFree(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    /// Compresses an RGB image.
    static func compress(_ image: RGBImage, flags: Int32 = 0, quality: Int = 95) -> [UInt8] {
        compress(image.pixels, width: image.width, height: image.height, quality: quality, flags: flags)
    }

    /// A TIFF block holding only IFD0 with an orientation tag, in either byte
    /// order, as found in an EXIF APP1 segment after "Exif\0\0".
    static func tiffBlock(orientation: Int, littleEndian: Bool) -> [UInt8] {
        func u16(_ value: Int) -> [UInt8] {
            let bytes = [UInt8(value & 0xFF), UInt8(value >> 8)]
            return littleEndian ? bytes : bytes.reversed()
        }
        func u32(_ value: Int) -> [UInt8] {
            littleEndian ? u16(value & 0xFFFF) + u16(value >> 16) : u16(value >> 16) + u16(value & 0xFFFF)
        }
        let header: [UInt8] = littleEndian ? [0x49, 0x49, 0x2A, 0x00] : [0x4D, 0x4D, 0x00, 0x2A]
        // IFD0 at offset 8: one other tag (ImageWidth), then Orientation, then no next IFD.
        return header + u32(8) + u16(2)
            + u16(0x0100) + u16(4) + u32(1) + u32(64)
            + u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0)
            + u32(0)
    }

    /// `jpeg` with an APP1 EXIF segment carrying `exif` inserted after SOI.
    static func inserting(exif tiff: [UInt8], into jpeg: [UInt8]) -> [UInt8] {
        let payload = Array("Exif".utf8) + [0, 0] + tiff
        let length = payload.count + 2
        let segment: [UInt8] = [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        return Array(jpeg[0..<2]) + segment + Array(jpeg[2...])
    }

    /// `jpeg` with the size in its SOF marker replaced by `width` x `height`.
    static func rewritingSize(of jpeg: [UInt8], width: Int, height: Int) -> [UInt8] {
        var bytes = jpeg
        var offset = 2
        while offset + 4 < bytes.count {
            let marker = bytes[offset + 1]
            let length = Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            if (0xC0...0xC2).contains(marker) {
                bytes[offset + 5] = UInt8(height >> 8)
                bytes[offset + 6] = UInt8(height & 0xFF)
                bytes[offset + 7] = UInt8(width >> 8)
                bytes[offset + 8] = UInt8(width & 0xFF)
                return bytes
            }
            offset += 2 + length
        }
        preconditionFailure("no SOF marker")
    }

    /// A 16x16 plain (not YCCK) Adobe CMYK JPEG saved by Pillow 13 from the
    /// CMYK quadrants (0,0,0,0), (255,0,0,0), (30,200,90,40), (0,0,0,255).
    static let pillowCMYKBase64 =
        "/9j/7gAOQWRvYmUAZAAAAAAA/9sAQwACAQEBAQECAQEBAgICAgIEAwICAgIFBAQDBAYFBgYGBQYGBgcJCAYHCQcGBg"
        + "gLCAkKCgoKCgYICwwLCgwJCgoK/8AAFAgAEAAQBEMRAE0RAFkRAEsRAP/EAB8AAAEFAQEBAQEBAAAAAAAAAAABAgME"
        + "BQYHCAkKC//EALUQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJCh"
        + "YXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeYmZqi"
        + "o6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+v/aAA4EQwBNAFkASw"
        + "AAPwD9/K/fyv38r9/K/gDooor+4Sv436/Jevl+veK/sgr9aK/ijr//2Q=="
}
