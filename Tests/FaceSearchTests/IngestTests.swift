import FaceSearch
import Foundation
import Testing

/// Bulk ingestion over real files, into each index under test.
@Suite struct IngestTests {
    /// A folder of identity folders with real photos, a corrupt file and a non-photo.
    static func makeFolder() throws -> String {
        let folder = try EngineFixtures.temporaryFolder()
        let files: [(String, [UInt8])] = [
            ("obama/obama.jpg", try EngineFixtures.photo("obama.jpg")),
            ("obama/obama2.jpg", try EngineFixtures.photo("obama2.jpg")),
            ("biden/biden.jpg", try EngineFixtures.photo("biden.jpg")),
            ("biden/broken.jpg", Array(try EngineFixtures.photo("biden.jpg").prefix(5000))),
            ("nobody/blank.jpg", try EngineFixtures.blankPhoto()),
        ]
        for (path, bytes) in files {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try Data("not a photo".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        return folder
    }

    @Test(arguments: IndexBackend.available)
    func ingestIsIdempotentAndReportsEveryFailure(backend: IndexBackend) async throws {
        let source = try Self.makeFolder()
        let (engine, _) = try await EngineFixtures.engine(vectors: backend.store)
        _ = try await engine.createCollection(name: "c", index: backend.index)
        let files = try PhotoFiles.find(under: [source])
        #expect(files.count == 5, "notes.txt is not a photo")
        let ingestor = Ingestor(engine: engine)
        let first = await ingestor.run(files: files, into: "c", options: .init(labelFromFolder: true)) { _ in
        }
        #expect(first.stored == 3 && first.faces == 3 && first.alreadyStored == 0)
        #expect(first.failures.map(\.code).sorted() == ["image_truncated", "no_face"])
        #expect(first.failures.first { $0.code == "image_truncated" }?.path.hasSuffix("broken.jpg") == true)

        let second = await ingestor.run(files: files, into: "c", options: .init(labelFromFolder: true)) { _ in
        }
        #expect(second.stored == 0 && second.alreadyStored == 3 && second.failures.count == 2)
        let summary = try await engine.collectionSummary("c")
        #expect(summary.images == 3 && summary.faces == 3 && summary.labels == 2)
        let obama = try await engine.faces(in: "c", filter: .init(label: "obama"))
        #expect(obama.count == 2)
    }
}

/// ../shared/datasets/knn-examples: 9 photos of 5 people to learn, 5 to recognise.
@Suite(.enabled(if: EngineFixtures.datasetsAvailable, "needs FACESEARCH_DATASETS (../shared/datasets)"))
struct KnnExamplesTests {
    @Test(arguments: IndexBackend.available)
    func everyTestPhotoFindsTheRightPersonFirst(backend: IndexBackend) async throws {
        let root = try #require(EngineFixtures.datasets) + "/knn-examples"
        let (engine, _) = try await EngineFixtures.engine(vectors: backend.store)
        _ = try await engine.createCollection(name: "knn", index: backend.index)
        let report = await Ingestor(engine: engine).run(
            files: try PhotoFiles.find(under: [root + "/train"]), into: "knn",
            options: .init(faces: .largest, labelFromFolder: true)
        ) { _ in }
        #expect(report.failures.isEmpty && report.stored == 9)

        // Who is in each test photo. obama_and_biden.jpg and kit_with_rose.jpg show two
        // people: both must be found, each matched to the right person.
        let expected: [String: Set<String>] = [
            "alex_lacamoire1.jpg": ["alex_lacamoire"],
            "johnsnow_test1.jpg": ["kit_harington"],
            "kit_with_rose.jpg": ["kit_harington", "rose_leslie"],
            "obama1.jpg": ["obama"],
            "obama_and_biden.jpg": ["obama", "biden"],
        ]
        let tests = try PhotoFiles.find(under: [root + "/test"])
        #expect(Set(tests.map { ($0 as NSString).lastPathComponent }) == Set(expected.keys))
        for path in tests {
            let name = (path as NSString).lastPathComponent
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            let result = try await engine.search(photo: bytes, in: "knn")
            let found = result.faces.compactMap { $0.matches.first?.label }
            #expect(Set(found) == expected[name], "\(name): top matches \(found)")
            #expect(found.count == expected[name]?.count, "\(name): each person matched once")
        }
    }
}
