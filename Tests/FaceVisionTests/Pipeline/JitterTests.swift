import FaceVision
import TestSupport
import Testing

/// Jitter averaging: the descriptor is the mean over randomly jittered chips.
@Suite struct JitterTests {
    @Test func jitteredDescriptorsAreDeterministicAndCloseToThePlainOne() async throws {
        var configuration = PipelineConfiguration.faceRecognitionCompatible
        configuration.jitters = 10
        let jittered = try SharedPipelines.pipeline(configuration, workers: 2)
        let photo = try TestPhotos.bytes("obama.jpg")
        // Warm both workers with other photos first: the answer must not depend on history.
        _ = try await (
            jittered.analyze(try TestPhotos.bytes("biden.jpg")),
            jittered.analyze(try TestPhotos.bytes("obama2.jpg"))
        )
        async let first = jittered.analyze(photo)
        async let second = jittered.analyze(photo)
        let (a, b) = try await (first, second)
        let descriptorA = try #require(a.largestFace?.descriptor)
        #expect(descriptorA == b.largestFace?.descriptor, "the generator is seeded afresh on every call")

        let plain = try #require(try await SharedPipelines.pipeline().analyze(photo).largestFace?.descriptor)
        let moved = descriptorA.distance(to: plain)
        #expect(moved > 0.01 && moved < 0.2, "averaging over jitters moves the descriptor a little: \(moved)")
        let obama2 = try #require(
            try await SharedPipelines.pipeline().analyze(try TestPhotos.bytes("obama2.jpg")).largestFace?
                .descriptor)
        #expect(descriptorA.distance(to: obama2) < 0.6)
    }
}
