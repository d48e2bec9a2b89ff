import FaceSearch
import FaceSearchServer
import FaceVision
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

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
}
