import CPNG
import CTurboJPEG
import FaceVision
import Foundation
import Testing

@Suite struct JPEGDecodingTests {
    let decoder = ImageDecoder()

    @Test func baselineJPEGDecodesToTheEncodedColors() throws {
        let original = DecodingFixtures.quadrants()
        let decoded = try decoder.decode(JPEGFixtures.compress(original))
        #expect(decoded.format == .jpeg)
        #expect(decoded.image.width == 64 && decoded.image.height == 32)
        #expect(decoded.storedWidth == 64 && decoded.storedHeight == 32)
        #expect(decoded.orientation == .up && decoded.scale == 1)
        for (got, want) in zip(
            DecodingFixtures.quadrantCenters(decoded.image), DecodingFixtures.quadrantColors)
        {
            #expect(DecodingFixtures.close(got, want, tolerance: 4))
        }
    }

    @Test func progressiveJPEGDecodesLikeBaseline() throws {
        let original = DecodingFixtures.quadrants()
        let jpeg = JPEGFixtures.compress(original, flags: TJFLAG_PROGRESSIVE)
        #expect(jpeg.indices.contains { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC2 }, "SOF2 marker")
        let progressive = try decoder.decode(jpeg).image
        // Progressive coding changes only the order of coefficients, not their values.
        #expect(try progressive == decoder.decode(JPEGFixtures.compress(original)).image)
        for (got, want) in zip(DecodingFixtures.quadrantCenters(progressive), DecodingFixtures.quadrantColors)
        {
            #expect(DecodingFixtures.close(got, want, tolerance: 4))
        }
    }

    @Test func grayscaleJPEGExpandsToEqualChannels() throws {
        let gray = (0..<(32 * 16)).map { UInt8(($0 % 32) * 8) }
        let jpeg = JPEGFixtures.compress(
            gray, width: 32, height: 16, pixelFormat: TJPF_GRAY, subsampling: TJSAMP_GRAY)
        let image = try decoder.decode(jpeg).image
        #expect(image.width == 32 && image.height == 16)
        for index in 0..<(32 * 16) {
            let pixel = image[index % 32, index / 32]
            #expect(pixel.red == pixel.green && pixel.green == pixel.blue)
            #expect(abs(Int(pixel.red) - Int(gray[index])) <= 12)
        }
    }

    /// TurboJPEG writes packed CMYK as an Adobe YCCK JPEG; the decoder must
    /// read it back as CMYK and convert with Adobe's inverted convention.
    @Test(arguments: [TJSAMP_444, TJSAMP_420])
    func cmykJPEGConvertsWithAdobePolarity(subsampling: TJSAMP) throws {
        let inks: [[UInt8]] = [
            [255, 0, 0, 255], [0, 255, 255, 255], [200, 120, 40, 128], [255, 255, 255, 0],
        ]
        var cmyk = [UInt8]()
        for y in 0..<32 {
            for x in 0..<32 {
                cmyk += inks[(y < 16 ? 0 : 2) + (x < 16 ? 0 : 1)]
            }
        }
        let jpeg = JPEGFixtures.compress(
            cmyk, width: 32, height: 32, pixelFormat: TJPF_CMYK, subsampling: subsampling, quality: 100)
        let image = try decoder.decode(jpeg).image
        let expected: [(UInt8, UInt8, UInt8)] = [(255, 0, 0), (0, 255, 255), (100, 60, 20), (0, 0, 0)]
        for (got, want) in zip(DecodingFixtures.quadrantCenters(image), expected) {
            #expect(DecodingFixtures.close(got, want, tolerance: 3), "\(got) vs \(want)")
        }
    }

    /// A plain (not YCCK) Adobe CMYK JPEG saved by Pillow 13 from CMYK
    /// quadrants (0,0,0,0), (255,0,0,0), (30,200,90,40), (0,0,0,255); the
    /// expected colours are Pillow's own `convert("RGB")` of this file.
    @Test func pillowCMYKJPEGDecodesToPillowsColors() throws {
        let jpeg = try #require(Data(base64Encoded: JPEGFixtures.pillowCMYKBase64))
        let image = try decoder.decode([UInt8](jpeg)).image
        let pillow: [(UInt8, UInt8, UInt8)] = [(255, 255, 255), (0, 255, 255), (190, 46, 139), (0, 0, 0)]
        for (got, want) in zip(DecodingFixtures.quadrantCenters(image), pillow) {
            #expect(DecodingFixtures.close(got, want, tolerance: 0), "\(got) vs \(want)")
        }
    }

    @Test func scaledDecodePicksTheSmallestFactorThatKeepsTheMinimumSide() throws {
        let jpeg = JPEGFixtures.compress(DecodingFixtures.gradient(width: 800, height: 600))
        // 3/8 gives a longest side of exactly 300; 1/4 would give 200.
        let reduced = try decoder.decode(jpeg, minimumSide: 300)
        #expect(reduced.image.width == 300 && reduced.image.height == 225 && reduced.scale == 0.375)
        #expect(reduced.storedWidth == 800 && reduced.storedHeight == 600)
        let smallest = try decoder.decode(jpeg, minimumSide: 1)
        #expect(smallest.image.width == 100 && smallest.image.height == 75 && smallest.scale == 0.125)
        // Never upscaled.
        let full = try decoder.decode(jpeg, minimumSide: 5000)
        #expect(full.image.width == 800 && full.scale == 1)
        #expect(try decoder.decode(jpeg, minimumSide: 301).scale == 0.5)
    }

    @Test func pngAndWebPIgnoreMinimumSide() throws {
        let image = DecodingFixtures.gradient(width: 64, height: 48)
        let png = PNGFixtures.write(
            image.pixels, width: 64, height: 48, format: UInt32(PNG_FORMAT_FLAG_COLOR))
        let webp = WebPFixtures.lossless(image.pixels, width: 64, height: 48)
        #expect(try decoder.decode(png, minimumSide: 8).image == image)
        #expect(try decoder.decode(webp, minimumSide: 8).image == image)
    }

    @Test func truncatedJPEGIsTruncated() throws {
        let jpeg = JPEGFixtures.compress(DecodingFixtures.gradient(width: 64, height: 64))
        for length in [jpeg.count / 2, jpeg.count - 2, 40, 3] {
            #expect(throws: ImageDecodingError.truncated(.jpeg), "cut at \(length)") {
                try decoder.decode(Array(jpeg[0..<length]))
            }
        }
    }

    /// libjpeg recovers from these and Pillow returns the recovered pixels,
    /// so face_recognition reads such photos; the decoder must too.
    @Test func jpegWarningsInAWholeFileAreTolerated() throws {
        let jpeg = JPEGFixtures.compress(DecodingFixtures.gradient(width: 64, height: 64))
        let full = try decoder.decode(jpeg).image
        let body = Array(jpeg.dropLast(2))
        let extraneous = body + [0x00, 0x00, 0x00, 0xFF, 0xD9]
        #expect(try decoder.decode(extraneous).image == full)
        let trailing = jpeg + Array("data appended after EOI".utf8)
        #expect(try decoder.decode(trailing).image == full)
        // A scan cut short but properly ended: the top survives, the rest is grey.
        let shortScan = Array(jpeg[0..<(jpeg.count * 3 / 4)]) + [0xFF, 0xD9]
        let recovered = try decoder.decode(shortScan).image
        #expect(recovered.pixels[0..<(64 * 8 * 3)] == full.pixels[0..<(64 * 8 * 3)])
        #expect(recovered.pixels.suffix(3) == [128, 128, 128])
    }

    @Test func damagedJPEGIsCorruptAndSaysWhy() throws {
        var jpeg = JPEGFixtures.compress(DecodingFixtures.quadrants())
        let sof = try #require(jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 })
        jpeg[sof + 4] = 7  // sample precision
        let error = DecodingFixtures.error { try decoder.decode(jpeg) }
        #expect(error?.code == "image_corrupt")
        #expect(error?.description.contains("precision") == true, "\(String(describing: error))")
    }

    @Test func jpegDeclaringZeroWidthIsCorrupt() {
        let jpeg = JPEGFixtures.rewritingSize(
            of: JPEGFixtures.compress(DecodingFixtures.quadrants()), width: 0, height: 32)
        #expect(DecodingFixtures.error { try decoder.decode(jpeg) }?.code == "image_corrupt")
        #expect(DecodingFixtures.error { try decoder.probe(jpeg) }?.code == "image_corrupt")
    }
}
