import CPNG
import FaceVision
import Testing

@Suite struct OrientationDecodingTests {
    let decoder = ImageDecoder()
    let upright = DecodingFixtures.quadrants()

    /// The stored image that a camera would write for `orientation` when the
    /// scene looks like `image`, built from the EXIF definition of each value
    /// ("row 0 is the visual top/bottom/left/right, column 0 is ...") and not
    /// from the decoder's own transform.
    static func stored(_ image: RGBImage, for orientation: ImageOrientation) -> RGBImage {
        let (w, h) = (image.width, image.height)
        let swaps = orientation.rawValue >= 5
        let (sw, sh) = swaps ? (h, w) : (w, h)
        var pixels = [UInt8]()
        for sy in 0..<sh {
            for sx in 0..<sw {
                let (x, y): (Int, Int)
                switch orientation {
                case .up: (x, y) = (sx, sy)
                case .upMirrored: (x, y) = (w - 1 - sx, sy)  // row 0 top, column 0 right
                case .down: (x, y) = (w - 1 - sx, h - 1 - sy)  // row 0 bottom, column 0 right
                case .downMirrored: (x, y) = (sx, h - 1 - sy)  // row 0 bottom, column 0 left
                case .leftMirrored: (x, y) = (sy, sx)  // row 0 left, column 0 top
                case .right: (x, y) = (w - 1 - sy, sx)  // row 0 right, column 0 top
                case .rightMirrored: (x, y) = (w - 1 - sy, h - 1 - sx)  // row 0 right, column 0 bottom
                case .left: (x, y) = (sy, h - 1 - sx)  // row 0 left, column 0 bottom
                }
                let pixel = image[x, y]
                pixels += [pixel.red, pixel.green, pixel.blue]
            }
        }
        return RGBImage(width: sw, height: sh, pixels: pixels)
    }

    @Test(arguments: ImageOrientation.allCases, [true, false])
    func jpegEXIFOrientationIsApplied(orientation: ImageOrientation, littleEndian: Bool) throws {
        let stored = Self.stored(upright, for: orientation)
        let tiff = JPEGFixtures.tiffBlock(orientation: orientation.rawValue, littleEndian: littleEndian)
        let jpeg = JPEGFixtures.inserting(exif: tiff, into: JPEGFixtures.compress(stored))
        let info = try decoder.probe(jpeg)
        #expect(info.orientation == orientation && info.width == stored.width && info.height == stored.height)
        let decoded = try decoder.decode(jpeg)
        #expect(decoded.orientation == orientation)
        #expect(decoded.image.width == 64 && decoded.image.height == 32)
        for (got, want) in zip(
            DecodingFixtures.quadrantCenters(decoded.image), DecodingFixtures.quadrantColors)
        {
            #expect(DecodingFixtures.close(got, want, tolerance: 4), "\(got) vs \(want)")
        }
    }

    @Test(arguments: [ImageOrientation.right, .down, .rightMirrored])
    func pngEXIfOrientationIsApplied(orientation: ImageOrientation) throws {
        let stored = Self.stored(upright, for: orientation)
        let plain = PNGFixtures.write(
            stored.pixels, width: stored.width, height: stored.height, format: UInt32(PNG_FORMAT_FLAG_COLOR))
        let exif = JPEGFixtures.tiffBlock(orientation: orientation.rawValue, littleEndian: false)
        let png = PNGFixtures.inserting(PNGFixtures.chunk("eXIf", exif), into: plain)
        let decoded = try decoder.decode(png)
        #expect(decoded.orientation == orientation)
        #expect(decoded.image == upright)
    }

    @Test func webpEXIFChunkOrientationIsApplied() throws {
        let stored = Self.stored(upright, for: .left)
        let lossless = WebPFixtures.lossless(stored.pixels, width: stored.width, height: stored.height)
        let webp = WebPFixtures.container([
            WebPFixtures.vp8x(width: stored.width, height: stored.height, flags: 0x08),
            WebPFixtures.imageChunk(of: lossless),
            WebPFixtures.chunk("EXIF", JPEGFixtures.tiffBlock(orientation: 8, littleEndian: true)),
        ])
        let decoded = try decoder.decode(webp)
        #expect(decoded.orientation == .left)
        #expect(decoded.image == upright)
    }

    /// Expected arrangements from Pillow's ImageOps.exif_transpose applied to
    /// the 3x2 image [[1, 2, 3], [4, 5, 6]] (values in the red channel).
    @Test func transformsMatchPillowExifTranspose() {
        let expected: [ImageOrientation: (Int, [UInt8])] = [
            .up: (3, [1, 2, 3, 4, 5, 6]), .upMirrored: (3, [3, 2, 1, 6, 5, 4]),
            .down: (3, [6, 5, 4, 3, 2, 1]), .downMirrored: (3, [4, 5, 6, 1, 2, 3]),
            .leftMirrored: (2, [1, 4, 2, 5, 3, 6]), .right: (2, [4, 1, 5, 2, 6, 3]),
            .rightMirrored: (2, [6, 3, 5, 2, 4, 1]), .left: (2, [3, 6, 2, 5, 1, 4]),
        ]
        let image = RGBImage(width: 3, height: 2, pixels: (1...6).flatMap { [UInt8($0), 0, 0] })
        for orientation in ImageOrientation.allCases {
            let result = image.applying(orientation)
            let (width, reds) = expected[orientation]!
            #expect(result.width == width, "\(orientation)")
            #expect(
                stride(from: 0, to: result.pixels.count, by: 3).map { result.pixels[$0] } == reds,
                "\(orientation)")
        }
    }

    @Test(arguments: [
        [UInt8](), [0x49, 0x49, 0x2A], Array("garbage!garbage!".utf8),
        JPEGFixtures.tiffBlock(orientation: 9, littleEndian: true),
        JPEGFixtures.tiffBlock(orientation: 0, littleEndian: false),
        [0x4D, 0x4D, 0x00, 0x2A, 0x7F, 0xFF, 0xFF, 0xF0],
        [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0, 0xFF, 0xFF],
    ])
    func malformedEXIFIsIgnored(tiff: [UInt8]) throws {
        let jpeg = JPEGFixtures.inserting(exif: tiff, into: JPEGFixtures.compress(upright))
        let decoded = try decoder.decode(jpeg)
        #expect(decoded.orientation == .up)
        #expect(decoded.image.width == 64)
        let png = PNGFixtures.inserting(
            PNGFixtures.chunk("eXIf", tiff),
            into: PNGFixtures.write(
                upright.pixels, width: 64, height: 32, format: UInt32(PNG_FORMAT_FLAG_COLOR)))
        #expect(try decoder.decode(png).image == upright)
    }
}
