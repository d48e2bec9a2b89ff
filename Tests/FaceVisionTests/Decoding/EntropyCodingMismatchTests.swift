import FaceVision
import TestSupport
import Testing

/// A baseline JPEG whose frame header is patched to say arithmetic coding
/// (SOF0 to SOF9) decodes to noise with only a libjpeg warning; it is
/// `image_corrupt`, not a photo with no face (issue 12).
@Suite struct EntropyCodingMismatchTests {
    let decoder = ImageDecoder()

    /// `jpeg` with the marker of its frame header (the first SOF0 found by
    /// walking the segments, not one inside an EXIF thumbnail) set to SOF9.
    static func arithmeticHeader(_ jpeg: [UInt8]) throws -> [UInt8] {
        var bytes = jpeg
        var offset = 2
        while offset + 4 <= bytes.count, bytes[offset] == 0xFF {
            if bytes[offset + 1] == 0xC0 {
                bytes[offset + 1] = 0xC9
                return bytes
            }
            offset += 2 + Int(bytes[offset + 2]) << 8 + Int(bytes[offset + 3])
        }
        throw SetupMissing(what: "a SOF0 segment in the fixture")
    }

    @Test func withRestartMarkersItIsCorrupt() throws {
        // obama.jpg has restart intervals: the decoder skips most of each one.
        let patched = try Self.arithmeticHeader(try TestPhotos.bytes("obama.jpg"))
        #expect {
            try decoder.decode(patched)
        } throws: { error in
            guard case ImageDecodingError.corrupt = error else { return false }
            return (error as? ImageDecodingError)?.code == "image_corrupt"
        }
    }

    @Test func withoutRestartMarkersItIsCorrupt() throws {
        // TurboJPEG writes no restart markers: the decoder skips to the end-of-image marker.
        let image = try decoder.decode(try TestPhotos.bytes("obama.jpg")).image
        let patched = try Self.arithmeticHeader(try JPEGEncoder().encode(image))
        #expect {
            try decoder.decode(patched)
        } throws: { error in
            guard case ImageDecodingError.corrupt = error else { return false }
            return true
        }
    }

    @Test func aFewStrayBytesBeforeTheEndAreStillTolerated() throws {
        // Like Pillow: junk before EOI is a warning, and the pixels are fine.
        var jpeg = try TestPhotos.bytes("obama.jpg")
        jpeg.insert(contentsOf: [UInt8](repeating: 0x20, count: 40), at: jpeg.count - 2)
        #expect(try decoder.decode(jpeg).image.width == 910)
    }
}
