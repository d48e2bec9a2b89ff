import FaceSearch
import FaceSearchServer
import FaceVision
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `/metrics`, `/v1/stats`, and what the service does when the inference queue is full.
@Suite struct MetricsRoutesTests {
    @Test func metricsShowRequestsStagesAndIndexSize() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        try await ServerFixtures.withApp { client in
            try await client.createCollection("metered")
            _ = try await client.send(.post, "/v1/collections/metered/faces?label=obama", photo: obama)
            _ = try await client.send(.post, "/v1/collections/metered/search", photo: obama)

            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = String(buffer: response.body)
            #expect(text.contains(#"facesearch_index_faces{collection="metered"} 1"#))
            #expect(text.contains(#"facesearch_pipeline_stage_seconds_count{stage="detect"}"#))
            #expect(text.contains("facesearch_inference_queue_depth"))
            #expect(text.contains("facesearch_rejected_requests_total"))
            #expect(text.contains(#"http_route="/v1/collections/{name}/search""#) || text.contains("/search"))

            let stats = try await client.execute(uri: "/v1/stats", method: .get)
            #expect(stats.status == .ok)
            #expect((stats.json["faces"] as? Int ?? 0) >= 1)
            #expect((stats.json["workers"] as? Int ?? 0) >= 1)
            #expect(stats.json["queue_capacity"] as? Int != nil)
        }
    }

    @Test func aFullQueueAnswers429WithRetryAfterAndHealthStaysUp() async throws {
        let photo = try ServerFixtures.photo("obama.jpg")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "facesearch-overload-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "facesearch.overload.tests")
        logger.logLevel = .warning
        // One worker and room for one waiting photo, with face_recognition's slow settings.
        let pipeline = try FacePipeline(
            configuration: .faceRecognitionCompatible, workers: 1, queueCapacity: 1)
        let engine = try await FaceSearchEngine.open(
            dataFolder: folder.path, pipeline: pipeline, logger: logger)
        let app = buildApplication(
            engine: engine, configuration: ServerConfiguration(authentication: .disabled), logger: logger)
        try await app.test(.router) { client in
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let response = try await client.send(.post, "/v1/detect", photo: photo)
                        return (response.status, response.headers[.retryAfter])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let refused = statuses.filter { $0.0 == .tooManyRequests }
            #expect(!refused.isEmpty, "8 photos cannot fit one worker and one waiting place")
            #expect(refused.allSatisfy { $0.1 == "1" })
            #expect(statuses.filter { $0.0 == .ok }.count + refused.count == 8)
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
            let metrics = String(buffer: try await client.execute(uri: "/metrics", method: .get).body)
            let rejected = metrics.split(separator: "\n").first {
                $0.hasPrefix("facesearch_rejected_requests_total ")
            }
            #expect(
                (rejected?.split(separator: " ").last.flatMap { Double($0) } ?? 0) >= Double(refused.count))
        }
    }
}
