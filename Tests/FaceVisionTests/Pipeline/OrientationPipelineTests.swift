import FaceVision
import TestSupport
import Testing

/// Phone photos arrive rotated, with an EXIF tag saying how to turn them
/// upright. Every orientation must give the face where it is in the upright
/// photo, and (nearly) the same descriptor.
@Suite struct OrientationPipelineTests {
    /// The stored pixels for `orientation`: the upright photo turned by the
    /// inverse of the transform the decoder will apply.
    static func stored(_ upright: RGBImage, for orientation: ImageOrientation) -> RGBImage {
        switch orientation {
        case .right: upright.applying(.left)
        case .left: upright.applying(.right)
        default: upright.applying(orientation)
        }
    }

    @Test(arguments: ImageOrientation.allCases)
    func aRotatedPhotoWithItsEXIFTagGivesTheUprightFace(_ orientation: ImageOrientation) async throws {
        let original = try TestPhotos.bytes("obama.jpg")
        let upright = try ImageDecoder().decode(original).image
        let tagged = JPEGFixtures.inserting(
            exif: JPEGFixtures.tiffBlock(
                orientation: orientation.rawValue, littleEndian: orientation.rawValue % 2 == 0),
            into: JPEGFixtures.compress(Self.stored(upright, for: orientation), quality: 95))

        let pipeline = try SharedPipelines.pipeline()
        let reference = try #require(try await pipeline.analyze(original).largestFace)
        let photo = try await pipeline.analyze(tagged)
        #expect(photo.width == 910 && photo.height == 1137)
        let face = try #require(photo.faces.count == 1 ? photo.faces.first : nil)
        // Re-encoding moves edges by a pixel or two; the face must stay put.
        for (found, expected) in zip(face.box.css, reference.box.css) {
            #expect(abs(found - expected) <= 8, "box \(face.box.css) vs upright \(reference.box.css)")
        }
        let distance = try #require(face.descriptor).distance(to: try #require(reference.descriptor))
        #expect(distance < 0.1)
    }
}
