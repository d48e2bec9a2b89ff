import FaceVision
import Foundation
import TestSupport
import Testing

/// YuNet detection and SFace descriptors on OpenCV, on face_recognition's
/// test photos. Distances are compared with margins, never bit for bit:
/// OpenCV's kernels differ in their last bits between processors.
struct YuNetSFaceTests {
    static var sface: PipelineConfiguration {
        var configuration = PipelineConfiguration()
        configuration.models = ModelChoice(detector: .yunet, embedder: .sface)
        return configuration
    }

    static func largestFace(_ photo: String, _ configuration: PipelineConfiguration) async throws -> Face {
        let pipeline = try SharedPipelines.pipeline(configuration)
        return try #require(try await pipeline.analyze(try TestPhotos.bytes(photo)).largestFace)
    }

    @Test func obamaIsCloserToObamaThanToBidenBySFace() async throws {
        let embedder = EmbedderChoice.sface
        let obama = try #require(try await Self.largestFace("obama.jpg", Self.sface).descriptor)
        let obama2 = try #require(try await Self.largestFace("obama2.jpg", Self.sface).descriptor)
        let obama3 = try #require(try await Self.largestFace("obama3.jpg", Self.sface).descriptor)
        let biden = try #require(try await Self.largestFace("biden.jpg", Self.sface).descriptor)
        let threshold = embedder.samePersonDistance
        // Measured here: 0.21 to 0.26 for the same man, 0.74 to 0.90 for the other one.
        #expect(embedder.distance(obama, obama2) < threshold - 0.2)
        #expect(embedder.distance(obama, obama3) < threshold - 0.2)
        #expect(embedder.distance(obama, biden) > threshold + 0.05)
        #expect(embedder.distance(obama2, biden) > threshold + 0.05)
        #expect(embedder.distance(obama, obama) < 1e-6)
    }

    @Test func sfaceDescriptorsAreStableAcrossRuns() async throws {
        let first = try #require(try await Self.largestFace("obama.jpg", Self.sface).descriptor)
        let second = try #require(try await Self.largestFace("obama.jpg", Self.sface).descriptor)
        #expect(EmbedderChoice.sface.distance(first, second) < 1e-5)
    }

    @Test func yunetFindsOneFaceWithLandmarksInsideItsBox() async throws {
        for photo in ["obama.jpg", "obama2.jpg", "biden.jpg", "32bit.png"] {
            let pipeline = try SharedPipelines.pipeline(Self.sface)
            let found = try await pipeline.detect(try TestPhotos.bytes(photo))
            #expect(found.faces.count == 1, "\(photo)")
            let face = try #require(found.faces.first)
            #expect(face.detector == .yunet)
            #expect((0.6...1).contains(face.confidence))
            #expect(face.landmarks.count == 5)
            for point in face.landmarks {
                #expect((face.box.left...face.box.right).contains(point.x), "\(photo)")
                #expect((face.box.top...face.box.bottom).contains(point.y), "\(photo)")
            }
            // The subject's right eye is on the image's left, above the mouth corners.
            #expect(face.landmarks[0].x < face.landmarks[1].x)
            #expect(face.landmarks[0].y < face.landmarks[3].y)
        }
    }

    @Test func yunetBoxesFeedDlibsLandmarksAndNet() async throws {
        var configuration = PipelineConfiguration()
        configuration.models = ModelChoice(detector: .yunet, embedder: .dlib)
        let obama = try #require(try await Self.largestFace("obama.jpg", configuration).descriptor)
        let obama2 = try #require(try await Self.largestFace("obama2.jpg", configuration).descriptor)
        let biden = try #require(try await Self.largestFace("biden.jpg", configuration).descriptor)
        #expect(obama.distance(to: obama2) < FaceDescriptor.samePersonThreshold)
        #expect(obama.distance(to: biden) > FaceDescriptor.samePersonThreshold)
    }

    @Test func oneCallMayAskForOtherModelsThanTheConfiguredOnes() async throws {
        let pipeline = try SharedPipelines.pipeline()
        #expect(pipeline.configuration.embedder == .dlib)
        let bytes = try TestPhotos.bytes("obama.jpg")
        let viaSFace = try await pipeline.analyze(
            bytes, models: ModelChoice(detector: .yunet, embedder: .sface))
        let alone = try await Self.largestFace("obama.jpg", Self.sface)
        let face = try #require(viaSFace.largestFace)
        #expect(face.detector == .yunet)
        #expect(
            EmbedderChoice.sface.distance(try #require(face.descriptor), try #require(alone.descriptor))
                < 1e-5)
    }

    @Test func sfaceWithoutYuNetIsRefused() async throws {
        var configuration = PipelineConfiguration()
        configuration.embedder = .sface
        configuration.detector = .hog
        #expect(throws: FaceVisionError.self) { try configuration.validate() }
        let pipeline = try SharedPipelines.pipeline()
        await #expect(throws: FaceVisionError.self) {
            _ = try await pipeline.analyze(
                try TestPhotos.bytes("obama.jpg"), models: ModelChoice(detector: .hog, embedder: .sface))
        }
    }

    @Test(arguments: [(1, 1), (8, 8), (31, 5), (2000, 3)])
    func tinyAndThinImagesGiveNoFaceAndNoError(width: Int, height: Int) async throws {
        let pipeline = try SharedPipelines.pipeline(Self.sface)
        let image = RGBImage(
            width: width, height: height, pixels: [UInt8](repeating: 128, count: width * height * 3))
        let found = try await pipeline.analyze(image)
        #expect(found.faces.isEmpty)
    }
}
