import FaceVision
import Testing

@Suite struct JPEGEncoderDecodingTests {
    @Test func encodedJPEGDecodesBackCloseToTheOriginal() throws {
        let original = DecodingFixtures.quadrants(width: 96, height: 64)
        let jpeg = try JPEGEncoder().encode(original)
        #expect(Array(jpeg.prefix(3)) == [0xFF, 0xD8, 0xFF] && Array(jpeg.suffix(2)) == [0xFF, 0xD9])
        let decoded = try ImageDecoder().decode(jpeg).image
        #expect(decoded.width == 96 && decoded.height == 64)
        for (got, want) in zip(DecodingFixtures.quadrantCenters(decoded), DecodingFixtures.quadrantColors) {
            #expect(DecodingFixtures.close(got, want, tolerance: 6), "\(got) vs \(want)")
        }
    }

    @Test func lowerQualityGivesSmallerFiles() throws {
        let image = DecodingFixtures.gradient(width: 120, height: 90)
        let high = try JPEGEncoder().encode(image, quality: 95)
        let low = try JPEGEncoder().encode(image, quality: 20)
        #expect(low.count < high.count)
        #expect(try ImageDecoder().decode(low).image.width == 120)
    }

    @Test func oddSizesAndSinglePixelsEncode() throws {
        for (width, height) in [(1, 1), (17, 3), (3, 31)] {
            let image = DecodingFixtures.gradient(width: width, height: height)
            let decoded = try ImageDecoder().decode(JPEGEncoder().encode(image)).image
            #expect(decoded.width == width && decoded.height == height)
        }
    }

    @Test(arguments: [0, 101, -5])
    func qualityOutsideOneToHundredIsRefused(quality: Int) {
        #expect(throws: JPEGEncodingError.self) {
            try JPEGEncoder().encode(DecodingFixtures.quadrants(), quality: quality)
        }
    }
}
