import FaceVision
import Testing

/// The face_recognition test photos, which the pipeline's answers are
/// compared on. These fail, rather than skip, when the photos are missing.
///
/// The digests are FNV-1a of `numpy.asarray(Image.open(f).convert("RGB"))`
/// computed with Pillow 13: the decoder must give face_recognition's pixels
/// exactly.
@Suite struct TestPhotoDecodingTests {
    let decoder = ImageDecoder()

    @Test func rgbaPNGPhotoDecodesToRGB() throws {
        let decoded = try decoder.decode(DecodingFixtures.testPhoto("32bit.png"))
        #expect(decoded.format == .png)
        #expect(decoded.image.width == 626 && decoded.image.height == 1_200)
        #expect(DecodingFixtures.fnv1a(decoded.image.pixels) == 0x9d05_9bc9_9152_8bb6, "Pillow's pixels")
    }

    @Test func obamaJPEGDecodesAtFullSize() throws {
        let bytes = try DecodingFixtures.testPhoto("obama.jpg")
        #expect(
            try decoder.probe(bytes) == ImageInfo(format: .jpeg, width: 910, height: 1_137, orientation: .up))
        let decoded = try decoder.decode(bytes)
        #expect(decoded.image.width == 910 && decoded.image.height == 1_137 && decoded.scale == 1)
        #expect(DecodingFixtures.fnv1a(decoded.image.pixels) == 0x8557_bae2_8cc7_71ae, "Pillow's pixels")
    }

    /// The rule: the smallest TurboJPEG factor whose longest side still
    /// reaches `minimumSide`. For 1137 pixels and 300 that is 3/8 (427);
    /// 1/4 would give 285.
    @Test func obamaScaledDecodeKeepsTheMinimumSide() throws {
        let bytes = try DecodingFixtures.testPhoto("obama.jpg")
        let decoded = try decoder.decode(bytes, minimumSide: 300)
        #expect(decoded.scale == 0.375)
        #expect(decoded.image.width == 342 && decoded.image.height == 427)
        #expect(decoded.image.longestSide >= 300)
        #expect((1_137 + 3) / 4 < 300, "the next smaller factor, 1/4, would be too small")
        #expect(decoded.storedWidth == 910 && decoded.storedHeight == 1_137)
    }
}
