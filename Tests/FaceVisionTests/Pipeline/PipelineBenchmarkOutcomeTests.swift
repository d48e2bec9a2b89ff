import FaceSearchBench
import FaceVision
import Foundation
import TestSupport
import Testing

/// `facesearch bench pipeline --outcomes` writes one JSON line per photo, which
/// bench/accuracy.py sets beside face_recognition's answers for the same photos.
@Suite struct PipelineBenchmarkOutcomeTests {
    @Test func everyPhotoHasAnOutcomeInPathOrderWithItsLargestFace() async throws {
        let photos = [
            ("b/not-a-photo.jpg", Array("plain text".utf8)),
            ("a/obama.jpg", try TestPhotos.bytes("obama.jpg")),
        ]
        let pipeline = try SharedPipelines.pipeline(workers: 1)
        let report = await PipelineBenchmark.run(photos, pipeline: pipeline)
        #expect(report.outcomes.map(\.path) == ["a/obama.jpg", "b/not-a-photo.jpg"])
        let obama = report.outcomes[0]
        #expect(obama.faces == 1 && obama.box == [142, 617, 409, 349] && obama.error == nil)
        #expect(obama.descriptor?.values.count == 128 && obama.seconds > 0)
        let refused = report.outcomes[1]
        #expect(refused.faces == 0 && refused.descriptor == nil && refused.error != nil)
    }

    @Test func anOutcomeIsOneLineOfJSONThatReadsBackExactly() async throws {
        let pipeline = try SharedPipelines.pipeline(workers: 1)
        let photo = try await pipeline.analyze(try TestPhotos.bytes("biden.jpg"))
        let outcome = PipelineBenchmark.PhotoOutcome(path: "people/biden.jpg", photo: photo, embedder: .dlib)
        let line = try outcome.jsonLine()
        #expect(!line.contains("\n") && line.contains("\"path\":\"people/biden.jpg\""))
        let decoded = try JSONDecoder().decode(PipelineBenchmark.PhotoOutcome.self, from: Data(line.utf8))
        #expect(decoded == outcome, "descriptor values must survive the text round trip bit for bit")
    }
}
