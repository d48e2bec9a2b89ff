import FaceVision
import TestSupport
import Testing

/// face_recognition 1.3.0's own expectations (its tests/test_face_recognition.py)
/// reproduced with its settings: full-size HOG with one doubling, 5 landmarks,
/// one jitter.
@Suite struct FaceRecognitionParityTests {
    let pipeline: FacePipeline

    init() throws {
        pipeline = try SharedPipelines.pipeline()
    }

    @Test func hogFindsObamaAtFaceRecognitionsBox() async throws {
        let photo = try await pipeline.detect(try TestPhotos.bytes("obama.jpg"))
        #expect(photo.width == 910 && photo.height == 1137)
        #expect(photo.faces.map(\.box.css) == [[142, 617, 409, 349]])
        #expect(photo.faces[0].landmarks.count == 5)
    }

    @Test func hogFindsTheFaceInThe32BitPNG() async throws {
        let photo = try await pipeline.detect(try TestPhotos.bytes("32bit.png"))
        #expect(photo.width == 626 && photo.height == 1200)
        #expect(photo.faces.count == 1)
        #expect(photo.faces.first?.box.top == 290)
        #expect(photo.faces.first?.box.bottom == 558)
    }

    @Test func partialFacesAreClippedToThePhoto() async throws {
        let first = try await pipeline.detect(try TestPhotos.bytes("obama_partial_face.jpg"))
        #expect(first.faces.map(\.box.css) == [[142, 191, 365, 0]])
        let second = try await pipeline.detect(try TestPhotos.bytes("obama_partial_face2.jpg"))
        #expect(second.faces.map(\.box.css) == [[142, 551, 409, 349]])
    }

    @Test func samePersonIsCloserThanDlibsThreshold() async throws {
        let obama = try await descriptor("obama.jpg")
        let distances = try await [
            obama.distance(to: descriptor("obama2.jpg")),
            obama.distance(to: descriptor("obama3.jpg")),
            obama.distance(to: descriptor("biden.jpg")),
        ]
        // face_recognition's figures with the same models, to four places. The
        // tolerance is the rounding (5e-5) plus room for another processor's
        // OpenBLAS kernels, which move these distances by about 1e-6.
        #expect(abs(distances[0] - 0.3457) < 1e-4)
        #expect(abs(distances[1] - 0.3321) < 1e-4)
        #expect(abs(distances[2] - 0.8402) < 1e-4)
        #expect(distances[0] < 0.6 && distances[1] < 0.6 && distances[2] > 0.6)
    }

    @Test func cnnFindsObamaWithinFaceRecognitionsTolerance() async throws {
        var configuration = PipelineConfiguration.faceRecognitionCompatible
        configuration.detector = .cnn
        let cnn = try SharedPipelines.pipeline(configuration, workers: 1)
        let obama = try await cnn.detect(try TestPhotos.bytes("obama.jpg"))
        #expect(obama.faces.count == 1)
        #expect(obama.faces.allSatisfy { $0.detector == .cnn })
        #expect(abs((obama.faces.first?.box.top ?? 0) - 144) <= 25)
        #expect(abs((obama.faces.first?.box.bottom ?? 0) - 389) <= 25)
        let png = try await cnn.detect(try TestPhotos.bytes("32bit.png"))
        #expect(png.faces.count == 1)
        #expect(abs((png.faces.first?.box.top ?? 0) - 259) <= 25)
        #expect(abs((png.faces.first?.box.bottom ?? 0) - 552) <= 25)
    }

    private func descriptor(_ name: String) async throws -> FaceDescriptor {
        let photo = try await pipeline.analyze(try TestPhotos.bytes(name))
        return try #require(photo.largestFace?.descriptor)
    }
}
