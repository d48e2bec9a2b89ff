import FaceVision
import TestSupport
import Testing

/// The pool runs photos on several threads, each with its own dlib models.
/// Sharing a net between threads gives silently wrong descriptors, so these
/// tests compare every concurrent answer with the single-threaded one, bit for bit.
@Suite struct ConcurrencyTests {
    static let names = [
        "obama.jpg", "obama2.jpg", "obama3.jpg", "biden.jpg", "32bit.png", "obama_partial_face.jpg",
        "obama_partial_face2.jpg",
    ]

    @Test func concurrentCallsGiveExactlyTheSingleThreadedAnswers() async throws {
        let photos = try Self.names.map { try TestPhotos.bytes($0) }
        let single = try SharedPipelines.pipeline(workers: 1)
        var expected: [[Face]] = []
        for photo in photos { expected.append(try await single.analyze(photo).faces) }

        let parallel = try SharedPipelines.pipeline(workers: 2)
        let rounds = 4
        let answers = try await withThrowingTaskGroup(of: (Int, [Face]).self) { group in
            for call in 0..<(photos.count * rounds) {
                let photo = photos[call % photos.count]
                group.addTask { (call % photos.count, try await parallel.analyze(photo).faces) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == photos.count * rounds)
        for (index, faces) in answers {
            #expect(faces == expected[index], "\(Self.names[index]) differs under concurrency")
        }
    }

    @Test func aFullQueueRefusesAtOnceAndThePipelineKeepsWorking() async throws {
        let photo = try TestPhotos.bytes("obama.jpg")
        let pipeline = try SharedPipelines.pipeline(workers: 1, queueCapacity: 2)
        let outcomes = await withTaskGroup(of: Result<Int, any Error>.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    do { return .success(try await pipeline.detect(photo).faces.count) } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let refused = outcomes.filter {
            if case .failure(let error) = $0 {
                return (error as? FaceVisionError) == .overloaded(queueCapacity: 2)
            }
            return false
        }
        let answered = outcomes.compactMap { try? $0.get() }
        #expect(!refused.isEmpty, "a queue of 2 cannot hold 12 photos")
        #expect(answered.allSatisfy { $0 == 1 })
        #expect(refused.count + answered.count == 12)
        #expect(try await pipeline.detect(photo).faces.count == 1)
    }

    /// The pipeline describes one chip per call, as face_recognition does, which
    /// keeps its descriptors bit-identical to dlib's Python binding. A batch goes
    /// through BLAS with other blocking, so its last bits may differ: never by
    /// more than float rounding.
    @Test func aBatchOfChipsAgreesWithOneAtATimeWithinRounding() async throws {
        let pipeline = try SharedPipelines.pipeline(workers: 1)
        let photos = try ["obama.jpg", "biden.jpg", "obama3.jpg"].map { try TestPhotos.bytes($0) }
        var singles: [FaceDescriptor] = []
        var chips: [FaceChip] = []
        for photo in photos {
            let face = try #require(
                try await pipeline.analyze(photo, output: .descriptorsAndChips).largestFace)
            chips.append(try #require(face.chip))
            singles.append(try #require(face.descriptor))
        }
        let batch = try await pipeline.describe(chips: chips)
        #expect(batch.count == singles.count)
        for (batched, single) in zip(batch, singles) {
            let largest = zip(batched.values, single.values).map { abs($0 - $1) }.max() ?? .infinity
            #expect(largest < 1e-5, "batch and single descriptors differ by \(largest)")
            #expect(batched.distance(to: single) < 1e-5)
        }
    }
}
