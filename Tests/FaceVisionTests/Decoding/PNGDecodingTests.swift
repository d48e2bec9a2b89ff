import CPNG
import FaceVision
import Testing

@Suite struct PNGDecodingTests {
    let decoder = ImageDecoder()
    let image = DecodingFixtures.gradient(width: 37, height: 23)

    @Test func rgbPNGDecodesExactly() throws {
        let png = PNGFixtures.write(
            image.pixels, width: 37, height: 23, format: UInt32(PNG_FORMAT_FLAG_COLOR))
        let decoded = try decoder.decode(png)
        #expect(decoded.image == image)
        #expect(decoded.format == .png && decoded.scale == 1 && decoded.orientation == .up)
    }

    @Test func rgbaPNGDropsAlphaWithoutCompositing() throws {
        // Alpha 0 included: Pillow's convert("RGB") keeps the colour under it.
        let rgba = image.pixels.enumerated().flatMap { index, value -> [UInt8] in
            index % 3 == 2 ? [value, UInt8((index / 3) % 4 * 85)] : [value]
        }
        let format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)
        #expect(
            try decoder.decode(PNGFixtures.write(rgba, width: 37, height: 23, format: format)).image == image)
    }

    @Test func grayPNGExpandsToEqualChannels() throws {
        let gray = (0..<(37 * 23)).map { UInt8($0 % 256) }
        let decoded = try decoder.decode(PNGFixtures.write(gray, width: 37, height: 23, format: 0)).image
        #expect(decoded.pixels == gray.flatMap { [$0, $0, $0] })
        let grayAlpha = gray.flatMap { [$0, 255 - $0] }
        let withAlpha = PNGFixtures.write(
            grayAlpha, width: 37, height: 23, format: UInt32(PNG_FORMAT_FLAG_ALPHA))
        #expect(try decoder.decode(withAlpha).image.pixels == gray.flatMap { [$0, $0, $0] })
    }

    @Test func palettePNGDecodesToItsColors() throws {
        let palette: [UInt8] = [255, 0, 0, 0, 128, 0, 10, 20, 30, 250, 250, 250]
        let indices = (0..<(37 * 23)).map { UInt8($0 % 4) }
        let expected = indices.flatMap { palette[Int($0) * 3..<Int($0) * 3 + 3] }
        let format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_COLORMAP)
        let png = PNGFixtures.write(indices, width: 37, height: 23, format: format, colormap: palette)
        #expect(png[25] == 3, "colour type 3 (palette)")
        #expect(try decoder.decode(png).image.pixels == expected)
        // With transparency (a tRNS chunk): alpha dropped, colours kept.
        let rgbaPalette = stride(from: 0, to: 12, by: 3).flatMap { palette[$0..<$0 + 3] + [UInt8($0 * 20)] }
        let rgbaFormat = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA | PNG_FORMAT_FLAG_COLORMAP)
        let transparent = PNGFixtures.write(
            indices, width: 37, height: 23, format: rgbaFormat, colormap: rgbaPalette)
        #expect(try decoder.decode(transparent).image.pixels == expected)
    }

    /// libpng's writer marks 16-bit output as linear (gAMA 1.0); the decoder
    /// must not gamma-convert it but keep the high byte, as Pillow does.
    @Test func sixteenBitRGBKeepsTheHighByte() throws {
        let samples = (0..<(37 * 23 * 3)).map { UInt16(truncatingIfNeeded: $0 * 2_741 + 0x1F) }
        let format = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_LINEAR)
        let png = PNGFixtures.write(samples, width: 37, height: 23, format: format)
        #expect(png[24] == 16, "bit depth 16")
        #expect(try decoder.decode(png).image.pixels == samples.map { UInt8($0 >> 8) })
        let gray = PNGFixtures.raw(width: 5, height: 3, colorType: 0, bitDepth: 16) { x, y in
            [x * 9_000 + y * 77]
        }
        let expected = DecodingFixtures.render(width: 5, height: 3) { x, y in
            Array(repeating: UInt8((x * 9_000 + y * 77) >> 8), count: 3)
        }
        #expect(try decoder.decode(gray).image.pixels == expected)
    }

    /// With alpha, libpng's simplified API can only give 8-bit output scaled
    /// with rounding (`v / 257`): within one level of Pillow's high byte.
    @Test func sixteenBitWithAlphaRoundsToEightBits() throws {
        let value = { (x: Int, y: Int, channel: Int) in (x * 13_001 + y * 7_919 + channel * 3_001) & 0xFFFF }
        let rgba = PNGFixtures.raw(width: 7, height: 5, colorType: 6, bitDepth: 16) { x, y in
            [value(x, y, 0), value(x, y, 1), value(x, y, 2), (x + y) * 4_000]
        }
        let rounded = { (v: Int) in UInt8((v * 255 + 32_895) >> 16) }
        let expected = DecodingFixtures.render(width: 7, height: 5) { x, y in
            (0..<3).map { rounded(value(x, y, $0)) }
        }
        #expect(try decoder.decode(rgba).image.pixels == expected)
        let grayAlpha = PNGFixtures.raw(width: 7, height: 5, colorType: 4, bitDepth: 16) { x, y in
            [value(x, y, 0), 65_535 - value(x, y, 1)]
        }
        let grayExpected = DecodingFixtures.render(width: 7, height: 5) { x, y in
            Array(repeating: rounded(value(x, y, 0)), count: 3)
        }
        #expect(try decoder.decode(grayAlpha).image.pixels == grayExpected)
    }

    @Test(arguments: [(1, 255), (2, 85), (4, 17)])
    func lowBitDepthGrayScalesToFullRange(bitDepth: Int, step: Int) throws {
        let levels = 1 << bitDepth
        let png = PNGFixtures.raw(width: 19, height: 3, colorType: 0, bitDepth: UInt8(bitDepth)) { x, y in
            [(x + y) % levels]
        }
        let expected = DecodingFixtures.render(width: 19, height: 3) { x, y in
            Array(repeating: UInt8((x + y) % levels * step), count: 3)
        }
        #expect(try decoder.decode(png).image.pixels == expected)
    }

    @Test func interlacedPNGDecodesExactly() throws {
        for (width, height) in [(13, 11), (1, 1), (9, 2), (37, 23)] {
            let pattern = DecodingFixtures.gradient(width: width, height: height)
            let png = PNGFixtures.raw(
                width: width, height: height, colorType: 2, bitDepth: 8, interlaced: true
            ) {
                x, y in
                let pixel = pattern[x, y]
                return [Int(pixel.red), Int(pixel.green), Int(pixel.blue)]
            }
            #expect(png[28] == 1, "interlace method Adam7")
            #expect(try decoder.decode(png).image == pattern, "\(width)x\(height)")
        }
    }

    /// Pillow ignores gAMA, sRGB, iCCP and cHRM; libpng's simplified API
    /// would otherwise convert these samples from gamma 1.0 to sRGB.
    @Test func colourManagementChunksDoNotChangeSamples() throws {
        let chunks: [(String, [UInt8])] = [
            ("gAMA", PNGFixtures.u32(100_000)), ("cHRM", [UInt8](repeating: 1, count: 32)),
        ]
        let png = PNGFixtures.raw(width: 37, height: 23, colorType: 2, bitDepth: 8, chunksBeforeData: chunks)
        { x, y in
            let pixel = image[x, y]
            return [Int(pixel.red), Int(pixel.green), Int(pixel.blue)]
        }
        #expect(try decoder.decode(png).image == image)
    }
}
