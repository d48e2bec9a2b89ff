import FaceVision
import Foundation
import TestSupport
import Testing

/// facesearch's own depthwise and 1x1 convolution layers against OpenCV's, on
/// the same photos: the same faces, boxes, landmarks and descriptors up to
/// rounding (the sums run in another order, and differ in their last bits
/// between processors anyway).
struct ConvolutionLayerTests {
    static func configuration(_ layers: PipelineConfiguration.ConvolutionLayers) -> PipelineConfiguration {
        var configuration = PipelineConfiguration()
        configuration.models = ModelChoice(detector: .yunet, embedder: .sface)
        configuration.convolutions = layers
        return configuration
    }

    /// The faces of `bytes` found by each implementation, largest first.
    static func bothWays(_ bytes: [UInt8]) async throws -> (own: [Face], opencv: [Face]) {
        let own = try await SharedPipelines.pipeline(configuration(.facesearch)).analyze(bytes).faces
        let opencv = try await SharedPipelines.pipeline(configuration(.opencv)).analyze(bytes).faces
        return (own, opencv)
    }

    static func expectSame(_ own: [Face], _ opencv: [Face], _ photo: String) throws {
        try #require(own.count == opencv.count, "\(photo): \(own.count) faces against \(opencv.count)")
        for (mine, theirs) in zip(own, opencv) {
            for (a, b) in [
                (mine.box.left, theirs.box.left), (mine.box.top, theirs.box.top),
                (mine.box.right, theirs.box.right), (mine.box.bottom, theirs.box.bottom),
            ] {
                #expect(abs(a - b) <= 1, "\(photo): box \(mine.box) against \(theirs.box)")
            }
            for (p, q) in zip(mine.landmarks, theirs.landmarks) {
                #expect(abs(p.x - q.x) <= 1 && abs(p.y - q.y) <= 1, "\(photo): landmark \(p) against \(q)")
            }
            #expect(abs(mine.confidence - theirs.confidence) < 1e-3, "\(photo)")
            let a = try #require(mine.descriptor)
            let b = try #require(theirs.descriptor)
            #expect(EmbedderChoice.sface.distance(a, b) < 1e-4, "\(photo)")
        }
    }

    @Test(arguments: [
        "obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg", "32bit.png", "obama_partial_face.jpg",
        "obama_partial_face2.jpg",
    ])
    func ownLayersFindAndDescribeWhatOpenCVsDo(photo: String) async throws {
        let (own, opencv) = try await Self.bothWays(try TestPhotos.bytes(photo))
        try Self.expectSame(own, opencv, photo)
    }

    @Test(.enabled(if: Datasets.available, "needs FACESEARCH_DATASETS (../shared/datasets)"))
    func ownLayersAgreeOnEveryGroupPhoto() async throws {
        let folder = try #require(Datasets.folder) + "/group-photos"
        let photos = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
            !$0.hasSuffix(".tsv")
        }
        #expect(photos.count == 10)
        for photo in photos.sorted() {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/" + photo)))
            let (own, opencv) = try await Self.bothWays(bytes)
            #expect(own.count >= 2, "\(photo)")
            try Self.expectSame(own, opencv, photo)
        }
    }

    @Test func eachImplementationLoadsAfterTheOther() async throws {
        // The shim overrides OpenCV's layer factory only while it reads a
        // network: OpenCV's own layers must still load afterwards, and again.
        let bytes = try TestPhotos.bytes("obama.jpg")
        for layers in [PipelineConfiguration.ConvolutionLayers.facesearch, .opencv, .facesearch] {
            let pipeline = try FacePipeline(
                configuration: Self.configuration(layers), workers: 1, queueCapacity: 4)
            #expect(try await pipeline.analyze(bytes).faces.count == 1)
        }
    }
}
