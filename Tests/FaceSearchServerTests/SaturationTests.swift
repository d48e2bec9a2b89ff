import FaceSearch
import FaceVision
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import FaceSearchServer

/// Probes, metrics and reads are answered while every inference worker is
/// busy and photos wait in the queue: they never wait for the pipeline.
@Suite("Probes while the workers are saturated")
struct SaturationTests {
    @Test func healthReadinessMetricsAndListsAnswerWhileEveryWorkerIsBusy() async throws {
        let photo = try ServerFixtures.photo("obama.jpg")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facesearch-busy-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "facesearch.saturation.tests")
        logger.logLevel = .warning
        // One worker with face_recognition's slow full-size settings: each photo takes a while.
        let capacity = 8
        let pipeline = try FacePipeline(
            configuration: .faceRecognitionCompatible, workers: 1, queueCapacity: capacity)
        defer { pipeline.shutdown() }
        let engine = try await FaceSearchEngine.open(
            dataFolder: folder.path, pipeline: pipeline, logger: logger)
        _ = try await engine.createCollection(name: "people")
        let app = buildApplication(
            engine: engine, configuration: ServerConfiguration(authentication: .disabled), logger: logger)
        try await app.test(.router) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                // One photo for the worker and a full queue behind it: the probes
                // have eight photos' time to answer, on a machine busy with other tests.
                for _ in 0...capacity {
                    group.addTask { _ = try await client.send(.post, "/v1/detect", photo: photo) }
                }
                // Wait (bounded) until the worker is busy and photos are queued behind it.
                var saturated = false
                for _ in 0..<2000 where !saturated {
                    saturated = pipeline.busyWorkers == 1 && pipeline.queueDepth >= 1
                    if !saturated { try await Task.sleep(for: .milliseconds(5)) }
                }
                #expect(saturated, "the worker never got busy with a queue behind it")
                let health = try await client.execute(uri: "/health", method: .get)
                let ready = try await client.execute(uri: "/ready", method: .get)
                let list = try await client.execute(uri: "/v1/collections/people/faces", method: .get)
                let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
                // Still saturated after the four answers: they did not wait for the queue to drain.
                let stillBusy = pipeline.busyWorkers == 1 && pipeline.queueDepth >= 1
                #expect(health.status == .ok && ready.status == .ok && list.status == .ok)
                #expect(metrics.contains("facesearch_inference_busy_workers 1"))
                #expect(stillBusy, "the probes were answered only after the queue drained")
                try await group.waitForAll()
            }
        }
    }

    /// Two large base64 bodies are parsed on NIO's thread pool: while both
    /// are being parsed, a probe is answered (on a 2-core machine, parsing
    /// them on the cooperative pool held both its threads until one was done).
    @Test func probesAnswerWhileTwoLargeJSONBodiesAreParsed() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facesearch-json-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "facesearch.saturation.tests")
        logger.logLevel = .warning
        let engine = try await FaceSearchEngine.open(
            dataFolder: folder.path, pipeline: try ServerFixtures.pipeline(), logger: logger)
        let limit = 64 << 20
        let configuration = ServerConfiguration(maxBodyBytes: limit, authentication: .disabled)
        let app = buildApplication(engine: engine, configuration: configuration, logger: logger)
        // 48 MiB of noise as base64: parsing takes a while; the photo is refused afterwards.
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<(48 << 20) / 8).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) } }
        let body = ByteBuffer(string: #"{"image": "\#(Data(noise).base64EncodedString())"}"#)
        try await app.test(.router) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        _ = try await client.execute(
                            uri: "/v1/detect", method: .post, headers: [.contentType: "application/json"],
                            body: body)
                    }
                }
                var parsing = false
                for _ in 0..<4000 where !parsing {
                    parsing = BodyDecoding.inProgress.load(ordering: .relaxed) == 2
                    if !parsing { try await Task.sleep(for: .milliseconds(1)) }
                }
                #expect(parsing, "the two bodies were never parsed at the same time")
                let health = try await client.execute(uri: "/health", method: .get)
                let stillParsing = BodyDecoding.inProgress.load(ordering: .relaxed) == 2
                #expect(health.status == .ok)
                #expect(stillParsing, "the probe was answered only after a body was parsed")
                try await group.waitForAll()
            }
        }
    }
}
