import FaceVision
import Foundation
import Testing

/// Images and helpers shared by the decoding tests.
enum DecodingFixtures {
    /// Distinct colours for the four quadrants of ``quadrants(width:height:)``.
    static let quadrantColors: [(UInt8, UInt8, UInt8)] = [
        (220, 30, 40), (30, 200, 60), (40, 60, 210), (240, 230, 220),
    ]

    /// An image whose four quadrants have different colours: every one of the
    /// eight orientations moves it to a different arrangement. Quadrant edges
    /// fall on 16-pixel boundaries for 16-aligned sizes, so JPEG's 4:2:0 MCUs
    /// never straddle two colours.
    static func quadrants(width: Int = 64, height: Int = 32) -> RGBImage {
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let color = quadrantColors[(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)]
                pixels += [color.0, color.1, color.2]
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// A smooth, non-repeating test pattern in which every pixel differs from
    /// its neighbours, for checking lossless decodes byte for byte.
    static func gradient(width: Int, height: Int) -> RGBImage {
        var pixels = [UInt8]()
        pixels.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                pixels += [
                    UInt8((x * 7 + y) & 0xFF), UInt8((y * 5 + x * 3) & 0xFF), UInt8((x * y + 11) & 0xFF),
                ]
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// Interleaved RGB bytes, row by row, from the colour of each pixel.
    static func render(width: Int, height: Int, _ color: (Int, Int) -> [UInt8]) -> [UInt8] {
        var pixels = [UInt8]()
        for y in 0..<height {
            for x in 0..<width {
                pixels += color(x, y)
            }
        }
        return pixels
    }

    /// The 64-bit FNV-1a digest of `bytes`, to compare big buffers with
    /// reference digests computed in Python.
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    /// The largest per-channel difference between two images of equal size.
    static func maxDifference(_ a: RGBImage, _ b: RGBImage) -> Int {
        precondition(a.width == b.width && a.height == b.height)
        return zip(a.pixels, b.pixels).reduce(0) { max($0, abs(Int($1.0) - Int($1.1))) }
    }

    /// The colour of each quadrant's centre pixel, in reading order.
    static func quadrantCenters(_ image: RGBImage) -> [(UInt8, UInt8, UInt8)] {
        let (w, h) = (image.width, image.height)
        return [(w / 4, h / 4), (3 * w / 4, h / 4), (w / 4, 3 * h / 4), (3 * w / 4, 3 * h / 4)].map {
            let pixel = image[$0.0, $0.1]
            return (pixel.red, pixel.green, pixel.blue)
        }
    }

    /// Whether two colours are within `tolerance` on every channel.
    static func close(
        _ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8), tolerance: Int
    ) -> Bool {
        let differences = [Int(a.0) - Int(b.0), Int(a.1) - Int(b.1), Int(a.2) - Int(b.2)]
        return differences.allSatisfy { abs($0) <= tolerance }
    }

    /// The error `body` throws, or `nil` when it succeeds.
    static func error<T>(of body: () throws -> T) -> ImageDecodingError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? ImageDecodingError
        }
    }

    /// The test photos folder: `$FACESEARCH_CACHE/test-images`, with the cache
    /// defaulting to `~/.cache/facesearch`.
    static var testImagesFolder: String {
        let environment = ProcessInfo.processInfo.environment
        let cache =
            environment["FACESEARCH_CACHE"]
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/facesearch")
            .path
        return cache + "/test-images"
    }

    /// The bytes of a test photo; fails the calling test, naming the folder,
    /// when it is missing.
    static func testPhoto(_ name: String) throws -> [UInt8] {
        let path = testImagesFolder + "/" + name
        let message =
            "test photo \(path) is missing: put the face_recognition test images in \(testImagesFolder) "
            + "or point FACESEARCH_CACHE at a cache that has them"
        let data = try #require(FileManager.default.contents(atPath: path), Comment(rawValue: message))
        return [UInt8](data)
    }

    /// SplitMix64: a small seeded generator, so random tests are reproducible.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
