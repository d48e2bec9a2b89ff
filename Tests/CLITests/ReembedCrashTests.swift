import FaceSearch
import FaceStore
import FaceVision
import Foundation
import Logging
import TestSupport
import Testing

/// `facesearch collections reembed` moves a dlib collection to YuNet + SFace
/// from its stored photos; `kill -9` at random moments, then a resume, ends
/// exactly where an uninterrupted run ends, and writes are refused meanwhile.
@Suite(.serialized) struct ReembedCrashTests {
    static let dlibFlags = ["--detector", "hog+cnn", "--embedder", "dlib"]

    /// A gallery of the crash test's photos in a dlib collection "crash".
    static func dlibGallery(_ source: String) async throws -> String {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facesearch-reembed-\(UUID())"
        ).path
        let outcome = try await CLIRunner.run(
            ["ingest", source, "--collection", "crash", "--label-from-folder", "--data", data] + dlibFlags)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return data
    }

    static func reembed(data: String) throws -> Process {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["collections", "reembed", "crash", "--embedder", "sface", "--data", data]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Every face of "crash" as "photo label box", after the checks a restart
    /// makes, its summary, and whether a re-embed's staging collection is there.
    static func fingerprints(data: String, pipeline: FacePipeline) async throws
        -> (Set<String>, CollectionSummary, staging: Bool)
    {
        var logger = Logger(label: "reembed-test")
        logger.logLevel = .error
        let engine = try await FaceSearchEngine.open(dataFolder: data, pipeline: pipeline, logger: logger)
        #expect(try engine.store.orphanFiles().isEmpty, "no orphan file after restart")
        var prints: Set<String> = []
        for face in try await engine.faces(in: "crash", limit: 1000, afterID: nil) {
            let image = try #require(try await engine.store.image(id: face.imageID))
            prints.insert(
                "\(image.sha256) \(face.label ?? "") \(face.left),\(face.top),\(face.right),\(face.bottom)")
        }
        let summary = try await engine.collectionSummary("crash")
        #expect(summary.faces == prints.count, "the index and the store agree")
        let staging = try await engine.store.collections().contains { $0.name.hasPrefix("__") }
        #expect(
            try await engine.collections().map(\.name) == ["crash"], "the staging collection is never listed")
        return (prints, summary, staging)
    }

    @Test func killNineDuringAReembedThenResumeEndsAsAnUninterruptedRun() async throws {
        let source = try CrashSafetyTests.sourceFolder()
        let pipeline = try FacePipeline(workers: 1)
        let before = try await Self.fingerprints(data: try await Self.dlibGallery(source), pipeline: pipeline)
        #expect(before.1.embedder == .dlib)

        let clean = try await Self.dlibGallery(source)
        let started = ContinuousClock.now
        let uninterrupted = try Self.reembed(data: clean)
        await waitForExit(uninterrupted)
        let runTime = ContinuousClock.now - started
        #expect(uninterrupted.terminationStatus == 0)
        let expected = try await Self.fingerprints(data: clean, pipeline: pipeline)
        #expect(
            expected.1.embedder == .sface && expected.1.detector == .yunet && expected.1.metric == .cosine)
        #expect(expected.1.images == before.1.images, "every photo is kept")
        let labels = { (prints: Set<String>) in
            Set(prints.map { $0.split(separator: " ").prefix(2).joined() })
        }
        #expect(labels(expected.0).isSubset(of: labels(before.0)), "faces keep their photo and label")

        let interrupted = try await Self.dlibGallery(source)
        let window = max(300, Int(runTime.seconds * 800))
        var generator = SystemRandomNumberGenerator()
        for round in 0..<4 {
            let process = try Self.reembed(data: interrupted)
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...window, using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            await waitForExit(process)
            let (prints, summary, staging) = try await Self.fingerprints(
                data: interrupted, pipeline: pipeline)
            print(
                "reembed round \(round + 1): killed; the collection is \(summary.embedder), staging \(staging)"
            )
            if summary.embedder == .dlib {
                #expect(prints == before.0, "the old collection serves unchanged until the swap")
            }
            if staging {
                let refused = try await CLIRunner.run(
                    ["ingest", CLIRunner.photo("obama.jpg"), "--collection", "crash", "--data", interrupted])
                #expect(
                    (refused.stdout + refused.stderr).contains("reembed_in_progress"),
                    "writes wait for the re-embed: \(refused.stdout)")
            }
        }
        let finish = try Self.reembed(data: interrupted)
        await waitForExit(finish)
        #expect(finish.terminationStatus == 0)
        let recovered = try await Self.fingerprints(data: interrupted, pipeline: pipeline)
        #expect(recovered.0 == expected.0, "the interrupted re-embed ends equal to the uninterrupted one")
        #expect(recovered.1.embedder == .sface && recovered.1.images == expected.1.images)
    }
}
