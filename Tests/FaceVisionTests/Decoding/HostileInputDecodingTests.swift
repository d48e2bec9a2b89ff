import CPNG
import CTurboJPEG
import FaceVision
import Testing

@Suite struct HostileInputDecodingTests {
    let decoder = ImageDecoder()
    let png = PNGFixtures.write(
        DecodingFixtures.gradient(width: 64, height: 48).pixels, width: 64, height: 48,
        format: UInt32(PNG_FORMAT_FLAG_COLOR))

    @Test func emptyInputIsEmpty() {
        #expect(throws: ImageDecodingError.empty) { try decoder.decode([]) }
        #expect(throws: ImageDecodingError.empty) { try decoder.probe([]) }
    }

    @Test func otherFormatsAndNoiseAreUnsupported() {
        var generator = DecodingFixtures.SeededGenerator(seed: 42)
        let noise = (0..<4_096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let gif = Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0]
        let bmp = Array("BM".utf8) + [UInt8](repeating: 0, count: 60)
        let riffWave = Array("RIFF".utf8) + [36, 0, 0, 0] + Array("WAVEfmt ".utf8)
        for bytes in [noise, gif, bmp, riffWave, [0x00], [0xFF, 0xD8], Array("<svg".utf8)] {
            #expect(throws: ImageDecodingError.unsupportedFormat) { try decoder.decode(bytes) }
        }
    }

    @Test func tooManyBytesIsCheckedFirst() {
        let small = ImageDecoder(limits: DecodingLimits(maxBytes: 100))
        #expect(throws: ImageDecodingError.tooManyBytes(count: 101, limit: 100)) {
            try small.decode([UInt8](repeating: 0, count: 101))
        }
        #expect(throws: ImageDecodingError.tooManyBytes(count: png.count, limit: 100)) {
            try small.decode(png)
        }
        #expect(DecodingLimits().maxBytes == 40 * 1_024 * 1_024 && DecodingLimits().maxPixels == 50_000_000)
    }

    @Test func headersDeclaring60000SquaredAreRefusedBeforeAllocating() throws {
        let hugePNG = PNGFixtures.rewritingSize(of: png, width: 60_000, height: 60_000)
        let jpeg = JPEGFixtures.compress(DecodingFixtures.quadrants())
        let hugeJPEG = JPEGFixtures.rewritingSize(of: jpeg, width: 60_000, height: 60_000)
        for bytes in [hugePNG, hugeJPEG] {
            #expect(bytes.count < 20_000)
            #expect(
                throws: ImageDecodingError.tooManyPixels(width: 60_000, height: 60_000, limit: 50_000_000)
            ) {
                try decoder.decode(bytes)
            }
            // Probing still reports the declared size.
            #expect(try decoder.probe(bytes).width == 60_000)
        }
        let strict = ImageDecoder(limits: DecodingLimits(maxPixels: 64 * 48 - 1))
        #expect(throws: ImageDecodingError.tooManyPixels(width: 64, height: 48, limit: 64 * 48 - 1)) {
            try strict.decode(png)
        }
    }

    @Test func truncatedPNGIsTruncated() {
        for length in [png.count / 2, png.count - 12, png.count - 1, 20, 40] {
            #expect(throws: ImageDecodingError.truncated(.png), "cut at \(length)") {
                try decoder.decode(Array(png[0..<length]))
            }
        }
    }

    @Test func pngWithABadCRCIsCorrupt() throws {
        let text = PNGFixtures.chunk("tEXt", Array("Comment\0hello".utf8))
        let withText = PNGFixtures.inserting(text, into: png)
        #expect(try decoder.decode(withText).image.width == 64)
        // Flip one bit in IHDR's data, in the ancillary tEXt chunk's data, and
        // in IDAT's stored CRC (damage to IDAT's data is usually reported by
        // zlib before libpng reaches the CRC).
        let idat = try #require(
            png.indices.first { png[$0..<min($0 + 4, png.count)].elementsEqual("IDAT".utf8) })
        let idatLength = Int(png[idat - 2]) << 8 | Int(png[idat - 1])
        for (bytes, offset) in [(png, 28), (withText, 33 + 12), (png, idat + 4 + idatLength)] {
            var damaged = bytes
            damaged[offset] ^= 0x01
            let error = DecodingFixtures.error { try decoder.decode(damaged) }
            #expect(error?.code == "image_corrupt", "byte \(offset): \(String(describing: error))")
            #expect(error?.description.contains("CRC") == true, "\(String(describing: error))")
        }
        var damagedData = png
        damagedData[idat + 10] ^= 0xFF
        #expect(DecodingFixtures.error { try decoder.decode(damagedData) }?.code == "image_corrupt")
    }

    @Test func pngDeclaringZeroHeightIsCorrupt() {
        let flat = PNGFixtures.rewritingSize(of: png, width: 64, height: 0)
        #expect(throws: ImageDecodingError.corrupt(.png, reason: "zero width or height")) {
            try decoder.decode(flat)
        }
    }

    /// Thousands of mutated and cut files: each decodes or throws a typed
    /// error; none crashes or traps.
    @Test func mutatedFilesNeverCrash() throws {
        let image = DecodingFixtures.gradient(width: 40, height: 30)
        let seeds: [[UInt8]] = [
            JPEGFixtures.compress(image),
            JPEGFixtures.compress(image, flags: TJFLAG_PROGRESSIVE),
            png,
            PNGFixtures.raw(width: 9, height: 7, colorType: 3, bitDepth: 4, interlaced: true) { x, _ in [x] },
            WebPFixtures.lossy(image.pixels, width: 40, height: 30),
            WebPFixtures.lossless(image.pixels, width: 40, height: 30),
        ]
        var generator = DecodingFixtures.SeededGenerator(seed: 7)
        for seed in seeds {
            for _ in 0..<400 {
                var bytes = seed
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[index] = UInt8.random(in: 0...255, using: &generator)
                }
                if Bool.random(using: &generator) {
                    bytes.removeLast(Int.random(in: 0..<bytes.count, using: &generator))
                }
                _ = try? decoder.probe(bytes)
                _ = try? decoder.decode(bytes, minimumSide: 16)
            }
        }
    }

    @Test func errorsHaveStableCodesAndReadableDescriptions() {
        let cases: [(ImageDecodingError, String, String)] = [
            (.empty, "image_empty", "empty"),
            (.tooManyBytes(count: 50, limit: 40), "image_too_large", "50 bytes"),
            (
                .tooManyPixels(width: 60_000, height: 60_000, limit: 50_000_000), "image_too_many_pixels",
                "60000x60000"
            ),
            (.unsupportedFormat, "unsupported_media_type", "not a JPEG, PNG or WebP"),
            (.truncated(.png), "image_truncated", "PNG image is truncated"),
            (.corrupt(.webp, reason: "bad"), "image_corrupt", "WebP image is corrupt: bad"),
        ]
        for (error, code, fragment) in cases {
            #expect(error.code == code)
            #expect(error.description.contains(fragment), "\(error.description)")
        }
    }
}
