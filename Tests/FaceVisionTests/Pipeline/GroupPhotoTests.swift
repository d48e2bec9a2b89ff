import FaceVision
import Foundation
import TestSupport
import Testing

/// ../shared/datasets/group-photos: photos of 2 to 8 people, with `faces.tsv`
/// giving the least number of faces a good detector finds in each.
@Suite(.enabled(if: Datasets.available, "needs FACESEARCH_DATASETS (../shared/datasets)"))
struct GroupPhotoTests {
    /// Photos dlib's HOG cannot fully reach, with the setting that does: the
    /// selfie's faces are cut by the frame, which only the CNN on a padded copy
    /// finds (YuNet finds them as they are).
    static let needsCNNWithPadding: Set<String> = ["deepface_selfie-many-people.jpg"]

    struct Expectation: CustomTestStringConvertible, Sendable {
        let image: String
        let minFaces: Int
        var testDescription: String { "\(image) (at least \(minFaces))" }
    }

    static var expectations: [Expectation] {
        guard let folder = Datasets.folder,
            let table = try? String(contentsOfFile: folder + "/group-photos/faces.tsv", encoding: .utf8)
        else { return [] }
        return table.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, let count = Int(fields[1]) else { return nil }
            return Expectation(image: String(fields[0]), minFaces: count)
        }
    }

    @Test func theTableListsTenPhotos() {
        #expect(Self.expectations.count == 10)
    }

    static func bytes(_ expectation: Expectation) throws -> [UInt8] {
        let folder = try #require(Datasets.folder)
        return [UInt8](
            try Data(contentsOf: URL(fileURLWithPath: folder + "/group-photos/" + expectation.image)))
    }

    @Test(arguments: expectations)
    func theDefaultsFindAtLeastTheListedFaces(_ expectation: Expectation) async throws {
        let pipeline = try SharedPipelines.pipeline(PipelineConfiguration(), workers: 1)
        let photo = try await pipeline.analyze(try Self.bytes(expectation))
        #expect(photo.faces.count >= expectation.minFaces)
        #expect(
            photo.faces.allSatisfy {
                $0.descriptor != nil && $0.landmarks.count == 5 && $0.detector == .yunet
            })
    }

    @Test(arguments: expectations)
    func dlibsDetectorsFindAtLeastTheListedFaces(_ expectation: Expectation) async throws {
        let bytes = try Self.bytes(expectation)
        var configuration = PipelineConfiguration()
        configuration.models = ModelChoice(detector: .hogThenCNN, embedder: .dlib)
        if Self.needsCNNWithPadding.contains(expectation.image) {
            configuration.detector = .cnn
            configuration.edgePadding = 0.2
        }
        let pipeline = try SharedPipelines.pipeline(configuration, workers: 1)
        let photo = try await pipeline.analyze(bytes)
        #expect(photo.faces.count >= expectation.minFaces)
        #expect(photo.faces.allSatisfy { $0.descriptor != nil && $0.landmarks.count == 5 })
    }
}
