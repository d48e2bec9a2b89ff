import FaceSearch
import FaceStore
import FaceVision
import Foundation
import Logging
import TestSupport
import Testing

/// `kill -9` during a real ingest, many times at random moments: after each
/// restart the store and the index agree, no photo is half-written, no file is
/// orphaned; a final run finishes the job exactly as an uninterrupted run does.
@Suite(.serialized) struct CrashSafetyTests {
    /// Photos to ingest: celeba-dev's first identities when the datasets are
    /// here, face_recognition's test photos (copied under several names) otherwise.
    static func sourceFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facesearch-crash-src-\(UUID())"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if let datasets = ProcessInfo.processInfo.environment["FACESEARCH_DATASETS"],
            FileManager.default.fileExists(atPath: datasets + "/celeba-dev")
        {
            for identity in ["7201", "7202", "7203", "7204", "7205"] {
                try FileManager.default.copyItem(
                    atPath: datasets + "/celeba-dev/" + identity, toPath: folder + "/" + identity)
            }
        } else {
            print("⚠️  crash test uses the 7 test photos only: FACESEARCH_DATASETS is not set")
            try FileManager.default.copyItem(
                atPath: ModelFolder.cacheFolder() + "/test-images", toPath: folder + "/photos")
        }
        return folder
    }

    static func ingest(_ source: String, data: String) throws -> Process {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = [
            "ingest", source, "--collection", "crash", "--label-from-folder", "--data", data, "--workers",
            "2",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Opens the gallery like a restart does (sweeping orphans, rebuilding and
    /// checking the index) and checks every invariant.
    static func checkInvariants(data: String, pipeline: FacePipeline) async throws -> Set<String> {
        var logger = Logger(label: "crash-test")
        logger.logLevel = .error
        let engine = try await FaceSearchEngine.open(dataFolder: data, pipeline: pipeline, logger: logger)
        #expect(try engine.store.orphanFiles().isEmpty, "no orphan file after restart")
        guard try await engine.collections().contains(where: { $0.name == "crash" }) else { return [] }
        var fingerprints: Set<String> = []
        var after: Int64?
        while true {
            let faces = try await engine.faces(in: "crash", limit: 1000, afterID: after)
            for face in faces {
                let image = try #require(
                    try await engine.store.image(id: face.imageID), "a face without its photo")
                let bytes = try #require(
                    FileManager.default.contents(atPath: engine.store.fileURL(of: image).path))
                #expect(FaceStore.sha256([UInt8](bytes)) == image.sha256, "the stored file is whole")
                fingerprints.insert(
                    "\(image.sha256) \(face.label ?? "") \(face.left),\(face.top),\(face.right),\(face.bottom)"
                )
            }
            guard faces.count == 1000, let last = faces.last else { break }
            after = last.id
        }
        let summary = try await engine.collectionSummary("crash")
        #expect(summary.faces == fingerprints.count, "the index and the store agree")
        return fingerprints
    }

    @Test func killNineAtRandomMomentsLosesNothingAndDuplicatesNothing() async throws {
        let pipeline = try FacePipeline(workers: 1)
        let (expected, recovered) = try await Self.cleanThenKilled(rounds: 12, ingest: Self.ingest) { data in
            try await Self.checkInvariants(data: data, pipeline: pipeline)
        }
        #expect(recovered == expected, "the interrupted gallery ends equal to the uninterrupted one")
    }

    /// An uninterrupted ingest of `sourceFolder()` into a new folder (the
    /// reference, and how long a whole run takes), then `rounds` ingests into
    /// another folder killed at random moments, `check` after each, and a
    /// last one left to finish. Returns what `check` finds of both folders.
    static func cleanThenKilled(
        rounds: Int, ingest: (String, String) throws -> Process,
        check: (String) async throws -> Set<String>
    ) async throws -> (expected: Set<String>, recovered: Set<String>) {
        let source = try sourceFolder()
        let temporary = FileManager.default.temporaryDirectory
        let clean = temporary.appendingPathComponent("facesearch-clean-\(UUID())").path
        let started = ContinuousClock.now
        let uninterrupted = try ingest(source, clean)
        await waitForExit(uninterrupted)
        let runTime = ContinuousClock.now - started
        #expect(uninterrupted.terminationStatus == 0)
        let expected = try await check(clean)
        #expect(!expected.isEmpty)

        let interrupted = temporary.appendingPathComponent("facesearch-crash-\(UUID())").path
        // Each round kills within a quarter of a whole run, so the rounds together
        // land at start-up, mid-ingest and near the end rather than after it.
        let window = max(300, Int(runTime.seconds * 250))
        try await killRounds(rounds, windowMilliseconds: window) {
            try ingest(source, interrupted)
        } afterKill: { round in
            let stored = try await check(interrupted)
            print("crash round \(round + 1): killed with \(stored.count) of \(expected.count) faces stored")
        }
        let finish = try ingest(source, interrupted)
        await waitForExit(finish)
        #expect(finish.terminationStatus == 0)
        return (expected, try await check(interrupted))
    }

    /// Starts `rounds` processes one after another, kills each with SIGKILL
    /// after a random 100 ms to `windowMilliseconds`, and calls `afterKill`
    /// with the round's number once it has exited.
    static func killRounds(
        _ rounds: Int, windowMilliseconds: Int, start: () throws -> Process,
        afterKill: (Int) async throws -> Void
    ) async throws {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<rounds {
            let process = try start()
            try await Task.sleep(
                for: .milliseconds(Int.random(in: 100...max(100, windowMilliseconds), using: &generator)))
            kill(process.processIdentifier, SIGKILL)
            await waitForExit(process)
            try await afterKill(round)
        }
    }
}
