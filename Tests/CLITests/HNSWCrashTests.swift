import FaceSearch
import FaceStore
import FaceVision
import Foundation
import Logging
import TestSupport
import Testing

/// An HNSW collection under `kill -9`: ingests killed at random moments (the
/// graph's save included), a deletion the saved graph has not seen, and a
/// damaged graph file. After every restart the graph holds exactly the
/// store's faces with the store's vectors: searches (exhaustive here, ef 4096)
/// equal brute force over the store, and a deleted face never comes back.
@Suite(.serialized) struct HNSWCrashTests {
    static func ingest(_ source: String, data: String) throws -> Process {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = [
            "ingest", source, "--collection", "crash", "--label-from-folder", "--data", data, "--workers",
            "2",
            "--index", "hnsw", "--hnsw-ef", "4096",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Opens the gallery as a restart does (which loads and restores the
    /// graph, and refuses to open if it does not hold the store's faces),
    /// then checks searches against brute force over the store. Returns the
    /// faces' ids.
    static func check(data: String, pipeline: FacePipeline, deleted: Set<Int64> = []) async throws -> Set<
        Int64
    > {
        var logger = Logger(label: "hnsw-crash-test")
        logger.logLevel = .error
        let engine = try await FaceSearchEngine.open(dataFolder: data, pipeline: pipeline, logger: logger)
        guard let summary = try await engine.collections().first(where: { $0.name == "crash" }) else {
            return []
        }
        #expect(summary.index.kind == "hnsw")
        let faces = try await engine.faces(in: "crash", limit: 1000, afterID: nil)
        #expect(summary.faces == faces.count)
        let unit = faces.map { face in
            let norm = face.descriptor.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()
            return (face.id, face.descriptor.map { Double($0) / norm })
        }
        for face in faces.prefix(12) {
            let hits = try await engine.search(
                faceID: face.id, in: "crash", options: SearchOptions(topK: 5, threshold: 0))
            let found = hits.faces.first?.matches.map(\.faceID) ?? []
            let query = unit.first { $0.0 == face.id }!.1
            var distances: [(id: Int64, distance: Double)] = []
            for (id, vector) in unit where id != face.id {
                var dot = 0.0
                for index in vector.indices { dot += vector[index] * query[index] }
                distances.append((id, 1 - dot))
            }
            let reference = distances.sorted { $0.distance < $1.distance }.prefix(5).map(\.id)
            #expect(found == Array(reference), "face \(face.id): \(found) vs brute force \(reference)")
            #expect(deleted.isDisjoint(with: found), "a deleted face came back")
        }
        return Set(faces.map(\.id))
    }

    @Test func killNineAtRandomMomentsLeavesTheGraphEqualToTheStore() async throws {
        let source = try CrashSafetyTests.sourceFolder()
        let pipeline = try FacePipeline(workers: 1)
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("facesearch-hnsw-\(UUID())")
            .path

        let started = ContinuousClock.now
        let first = try Self.ingest(source, data: data + "-timing")
        await waitForExit(first)
        #expect(first.terminationStatus == 0)
        let window = max(300, Int((ContinuousClock.now - started).seconds * 300))
        try await CrashSafetyTests.killRounds(8, windowMilliseconds: window) {
            try Self.ingest(source, data: data)
        } afterKill: { round in
            let stored = try await Self.check(data: data, pipeline: pipeline)
            print("hnsw crash round \(round + 1): killed with \(stored.count) faces stored")
        }
        let finish = try Self.ingest(source, data: data)
        await waitForExit(finish)
        #expect(finish.terminationStatus == 0)
        let all = try await Self.check(data: data, pipeline: pipeline)
        let reference = try await Self.check(data: data + "-timing", pipeline: pipeline)
        #expect(all.count == reference.count)

        // A deletion the saved graph has not seen (the CLI saves after ingests only).
        let listing = try await CLIRunner.run([
            "faces", "list", "--collection", "crash", "--data", data, "--json",
        ])
        let rows = try #require(
            try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [[String: Any]])
        let label = try #require(rows.compactMap { $0["label"] as? String }.first)
        let deleted = Set(
            rows.filter { $0["label"] as? String == label }.compactMap { ($0["id"] as? NSNumber)?.int64Value }
        )
        let deletion = try await CLIRunner.run(
            ["faces", "delete", "--collection", "crash", "--label", label, "--data", data])
        #expect(deletion.status == 0, "\(deletion.stderr)")
        let after = try await Self.check(data: data, pipeline: pipeline, deleted: deleted)
        #expect(!deleted.isEmpty && after == all.subtracting(deleted))

        // A damaged graph file (and a temporary file a killed save left) is rebuilt from the store.
        let indexes = data + "/indexes"
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: indexes).first { $0.hasSuffix(".hnsw") })
        let bytes = try Data(contentsOf: URL(fileURLWithPath: indexes + "/" + file))
        try bytes.prefix(bytes.count / 3).write(to: URL(fileURLWithPath: indexes + "/" + file))
        try Data(count: 100).write(to: URL(fileURLWithPath: indexes + "/" + file + ".tmp"))
        #expect(try await Self.check(data: data, pipeline: pipeline, deleted: deleted) == after)
        #expect(!FileManager.default.fileExists(atPath: indexes + "/" + file + ".tmp"))
    }
}
