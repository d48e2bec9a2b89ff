import FaceVision
import Testing

@Suite struct WebPDecodingTests {
    let decoder = ImageDecoder()
    let image = DecodingFixtures.gradient(width: 37, height: 23)

    @Test func losslessWebPDecodesExactly() throws {
        let decoded = try decoder.decode(WebPFixtures.lossless(image.pixels, width: 37, height: 23))
        #expect(decoded.image == image)
        #expect(decoded.format == .webp && decoded.scale == 1 && decoded.orientation == .up)
    }

    @Test func losslessWebPWithAlphaDropsAlpha() throws {
        // Alpha kept above 0: the encoder may rewrite the colour of fully
        // transparent pixels, which is not what this test is about.
        let rgba = image.pixels.enumerated().flatMap { index, value -> [UInt8] in
            index % 3 == 2 ? [value, UInt8(1 + index % 250)] : [value]
        }
        let webp = WebPFixtures.lossless(rgba, width: 37, height: 23, channels: 4)
        #expect(try decoder.decode(webp).image == image)
    }

    @Test func lossyWebPDecodesCloseToTheOriginal() throws {
        let original = DecodingFixtures.quadrants()
        let opaque = WebPFixtures.lossy(original.pixels, width: 64, height: 32)
        let rgba = original.pixels.enumerated().flatMap { index, value -> [UInt8] in
            index % 3 == 2 ? [value, 160] : [value]
        }
        let translucent = WebPFixtures.lossy(rgba, width: 64, height: 32, channels: 4)
        for webp in [opaque, translucent] {
            let decoded = try decoder.decode(webp).image
            #expect(decoded.width == 64 && decoded.height == 32)
            for (got, want) in zip(DecodingFixtures.quadrantCenters(decoded), DecodingFixtures.quadrantColors)
            {
                #expect(DecodingFixtures.close(got, want, tolerance: 8), "\(got) vs \(want)")
            }
        }
    }

    /// The first frame is shown on the whole canvas; what it does not cover
    /// is transparent black, so black once alpha is dropped.
    @Test func animatedWebPYieldsTheFirstFrameOnItsCanvas() throws {
        let red = [UInt8](repeating: 0, count: 16 * 8 * 3).enumerated().map { $0.offset % 3 == 0 ? 255 : 0 }
        let green = [UInt8](repeating: 0, count: 32 * 24 * 3).enumerated().map {
            $0.offset % 3 == 1 ? 255 : 0
        }
        let first = WebPFixtures.imageChunk(
            of: WebPFixtures.lossless(red.map { UInt8($0) }, width: 16, height: 8))
        let second = WebPFixtures.imageChunk(
            of: WebPFixtures.lossless(green.map { UInt8($0) }, width: 32, height: 24))
        let webp = WebPFixtures.container([
            WebPFixtures.vp8x(width: 32, height: 24, flags: 0x02),
            WebPFixtures.chunk("ANIM", [255, 255, 255, 255, 0, 0]),
            WebPFixtures.animationFrame(first, x: 4, y: 6, width: 16, height: 8),
            WebPFixtures.animationFrame(second, x: 0, y: 0, width: 32, height: 24),
        ])
        let decoded = try decoder.decode(webp)
        #expect(decoded.image.width == 32 && decoded.image.height == 24)
        let inside = decoded.image[10, 10]
        let outside = decoded.image[1, 1]
        #expect(inside.red == 255 && inside.green == 0 && inside.blue == 0)
        #expect(outside.red == 0 && outside.green == 0 && outside.blue == 0)
    }

    @Test func truncatedWebPIsTruncated() {
        let webp = WebPFixtures.lossy(
            DecodingFixtures.gradient(width: 64, height: 64).pixels, width: 64, height: 64)
        for length in [webp.count / 2, webp.count - 1, 20] {
            #expect(throws: ImageDecodingError.truncated(.webp), "cut at \(length)") {
                try decoder.decode(Array(webp[0..<length]))
            }
        }
    }

    @Test func damagedWebPIsCorrupt() {
        var webp = WebPFixtures.lossless(image.pixels, width: 37, height: 23)
        webp[20] = 0  // the VP8L signature byte
        #expect(DecodingFixtures.error { try decoder.decode(webp) }?.code == "image_corrupt")
    }
}
