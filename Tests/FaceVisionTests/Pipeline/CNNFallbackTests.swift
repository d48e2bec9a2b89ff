import FaceVision
import Foundation
import TestSupport
import Testing

/// The dlib pipeline's detector, `hog+cnn` (the default before YuNet): photos
/// of celeba-dev where HOG finds no face get the CNN, and what it finds is the
/// right person.
@Suite(.enabled(if: Datasets.available, "needs FACESEARCH_DATASETS (../shared/datasets)"))
struct CNNFallbackTests {
    /// Turned heads of person 7202 in which HOG finds nothing at the default settings.
    static let turnedHeads = ["7202/017405.jpg", "7202/035829.jpg", "7202/094984.jpg"]

    static func bytes(_ path: String) throws -> [UInt8] {
        let folder = try #require(Datasets.folder)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: "\(folder)/celeba-dev/\(path)")))
    }

    /// HOG, then the CNN, with dlib's ResNet.
    static var hogThenCNN: PipelineConfiguration {
        var configuration = PipelineConfiguration()
        configuration.models = ModelChoice(detector: .hogThenCNN, embedder: .dlib)
        return configuration
    }

    @Test func theDefaultsAreYuNetAndSFaceAndFaceRecognitionsAreHOGAndDlib() {
        #expect(PipelineConfiguration().models == ModelChoice(detector: .yunet, embedder: .sface))
        #expect(
            PipelineConfiguration.faceRecognitionCompatible.models
                == ModelChoice(detector: .hog, embedder: .dlib))
    }

    @Test(arguments: turnedHeads)
    func theCNNFindsTheFaceHOGMisses(_ path: String) async throws {
        var hogOnly = Self.hogThenCNN
        hogOnly.detector = .hog
        let photo = try Self.bytes(path)
        let withHOG = try await SharedPipelines.pipeline(hogOnly, workers: 1).analyze(photo)
        let withDefaults = try await SharedPipelines.pipeline(Self.hogThenCNN, workers: 1).analyze(photo)
        #expect(withHOG.faces.isEmpty)
        let face = try #require(withDefaults.faces.first)
        #expect(face.detector == .cnn)
        #expect(face.landmarks.count == 5 && face.descriptor != nil)
    }

    @Test func theFaceTheCNNFindsIsThePerson() async throws {
        let pipeline = try SharedPipelines.pipeline(Self.hogThenCNN, workers: 1)
        let turned = try #require(
            try await pipeline.analyze(Self.bytes("7202/035829.jpg")).faces.first?.descriptor)
        for other in ["7202/006155.jpg", "7202/008450.jpg", "7202/012050.jpg"] {
            let face = try #require(try await pipeline.analyze(Self.bytes(other)).faces.first)
            #expect(face.detector == .hog)
            let distance = try #require(face.descriptor).distance(to: turned)
            #expect(distance < 0.6, "\(other) is \(distance) from the turned head")
        }
    }
}

/// The CNN is never handed a copy too small for its filters: dlib stops the
/// process on the second such call, which schemathesis found with tiny photos.
@Suite struct CNNTinyPhotoTests {
    @Test func tinyPhotosWithoutAFaceNeverReachTheCNN() async throws {
        let pipeline = try SharedPipelines.pipeline(CNNFallbackTests.hogThenCNN, workers: 1)
        for side in [1, 8, 12, 8] {
            let image = RGBImage(
                width: side, height: side, pixels: [UInt8](repeating: 90, count: side * side * 3))
            let photo = try await pipeline.analyze(image)
            #expect(photo.faces.isEmpty)
        }
    }
}
