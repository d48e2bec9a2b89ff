import FaceStore
import FaceVision
import Foundation
import Logging
import Synchronization
import Testing

@testable import FaceSearch

/// Each collection keeps the models it was created with across restarts, and
/// descriptors of different models are never mixed.
struct CollectionModelEngineTests {
    static let sface = ModelChoice(detector: .yunet, embedder: .sface)
    static let dlib = ModelChoice(detector: .hogThenCNN, embedder: .dlib)

    /// A gallery with an SFace collection of Obama and a default one; the
    /// engine is closed when this returns.
    static func galleryWithTwoKindsOfCollection() async throws -> String {
        let (engine, folder) = try await EngineFixtures.engine()
        let created = try await engine.createCollection(name: "fast", models: Self.sface)
        #expect(created.metric == .cosine)
        #expect(created.embedder == .sface)
        _ = try await engine.index(photo: try EngineFixtures.photo("obama.jpg"), into: "fast")
        let classic = try await engine.createCollection(name: "classic", models: Self.dlib)
        #expect(classic.embedder == .dlib)
        #expect(classic.metric == .euclidean)
        let defaults = try await engine.createCollection(name: "defaults")
        #expect(defaults.embedder == engine.pipeline.configuration.embedder)
        return folder
    }

    @Test func modelsSurviveAReopenAndDriveSearch() async throws {
        let folder = try await Self.galleryWithTwoKindsOfCollection()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (reopened, _) = try await EngineFixtures.engine(in: folder)
        let summary = try await reopened.collectionSummary("fast")
        #expect(summary.embedder == .sface)
        #expect(summary.detector == .yunet)
        #expect(summary.faces == 1)
        let result = try await reopened.search(photo: try EngineFixtures.photo("obama2.jpg"), in: "fast")
        let match = try #require(result.faces.first?.matches.first)
        #expect(match.score > 0.5)
        let stranger = try await reopened.search(photo: try EngineFixtures.photo("biden.jpg"), in: "fast")
        #expect(stranger.faces.first?.matches.isEmpty == true)
    }

    @Test func addingWithOtherModelsToAnExistingCollectionIsAMismatch() async throws {
        let (engine, folder) = try await EngineFixtures.engine()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try await engine.createCollection(name: "classic", models: Self.dlib)
        await #expect(throws: EngineError.self) {
            _ = try await engine.collectionCreatingIfMissing(name: "classic", models: Self.sface)
        }
        do {
            _ = try await engine.collectionCreatingIfMissing(name: "classic", models: Self.sface)
        } catch let error as EngineError {
            #expect(error.code == "model_mismatch")
            #expect(error.description.contains("cannot be compared"))
        }
        let same = try await engine.collectionCreatingIfMissing(name: "classic", models: Self.dlib)
        #expect(same.embedder == .dlib)
        let unnamed = try await engine.collectionCreatingIfMissing(name: "classic")
        #expect(unnamed.embedder == .dlib, "naming no models takes the collection's")
        let created = try await engine.collectionCreatingIfMissing(name: "new", models: Self.sface)
        #expect(created.embedder == .sface)
    }

    @Test func aCollectionOfAnUnknownModelStopsTheOpenWithItsName() async throws {
        let folder = try EngineFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let store = try await FaceStore.open(folder: folder, logger: .init(label: "t"))
            _ = try await store.createCollection(
                name: "future", metric: "cosine", modelID: "some_model_v9", dimension: 128)
        }
        await #expect(throws: EngineError.unsupportedModel(collection: "future", modelID: "some_model_v9")) {
            _ = try await EngineFixtures.engine(in: folder)
        }
    }

    @Test func compareFollowsTheEmbeddersScale() async throws {
        let (engine, folder) = try await EngineFixtures.engine()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let obama = try EngineFixtures.photo("obama.jpg")
        let same = try await engine.compare(obama, try EngineFixtures.photo("obama2.jpg"), models: Self.sface)
        let other = try await engine.compare(obama, try EngineFixtures.photo("biden.jpg"), models: Self.sface)
        #expect(same.samePerson && same.score > 0.6)
        #expect(!other.samePerson && other.score < 0.4)
        await #expect(throws: EngineError.self) {
            _ = try await engine.compare(obama, obama, models: ModelChoice(detector: .hog, embedder: .sface))
        }
    }

    @Test func aReembedKeepsLabelsAndPhotosAndGivesTheNewModels() async throws {
        let (engine, folder) = try await EngineFixtures.engine()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try await engine.createCollection(name: "people", models: Self.dlib)
        for (photo, label) in [("obama.jpg", "obama"), ("biden.jpg", "biden")] {
            _ = try await engine.index(
                photo: try EngineFixtures.photo(photo), into: "people", options: .init(label: label))
        }
        let steps = Mutex<[Int]>([])
        let report = try await engine.reembed("people", to: Self.sface) { step in
            steps.withLock { $0.append(step.done) }
        }
        #expect(
            report.photos == 2 && report.analysedNow == 2 && report.faces == 2
                && report.facesNotFoundAgain == 0)
        #expect(steps.withLock { $0.last } == 2)
        let summary = try await engine.collectionSummary("people")
        #expect(summary.embedder == .sface && summary.metric == .cosine && summary.labels == 2)
        let result = try await engine.search(photo: try EngineFixtures.photo("obama2.jpg"), in: "people")
        #expect(result.faces.first?.matches.map(\.label) == ["obama"])
        #expect(try await engine.collections().map(\.name) == ["people"])
        let again = try await engine.reembed("people", to: Self.sface)
        #expect(again.analysedNow == 0, "running it again after it finished does nothing")
        // Writes work again after the swap.
        _ = try await engine.index(photo: try EngineFixtures.photo("obama3.jpg"), into: "people")
        await #expect(throws: EngineError.self) { _ = try await engine.createCollection(name: "__mine") }
    }

    @Test func facesArePairedByBoxOverlap() {
        let a = FaceBox(left: 0, top: 0, right: 99, bottom: 99)
        let b = FaceBox(left: 200, top: 0, right: 299, bottom: 99)
        let nearA = FaceBox(left: 10, top: 5, right: 105, bottom: 110)
        let farAway = FaceBox(left: 500, top: 500, right: 520, bottom: 520)
        let pairs = FaceMatching.pairs(old: [a, b], new: [farAway, nearA])
        #expect(pairs.map { [$0.0, $0.1] } == [[0, 1]])
        #expect(FaceMatching.intersectionOverUnion(a, a) == 1)
        #expect(FaceMatching.intersectionOverUnion(a, b) == 0)
    }
}
