import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A collection is created with a detector and an embedder, keeps them, and
/// is indexed and searched with them whatever the server's defaults are.
@Suite struct CollectionModelTests {
    @Test func anSFaceCollectionIsIndexedAndSearchedWithItsOwnModels() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let biden = try ServerFixtures.photo("biden.jpg")
        let query = try ServerFixtures.photo("obama2.jpg")
        try await ServerFixtures.withApp { client in
            let created = try await client.send(
                .post, "/v1/collections", json: #"{"name": "fast", "embedder": "sface"}"#)
            #expect(created.status == .created)
            #expect(created.json["embedder"] as? String == "sface")
            #expect(created.json["detector"] as? String == "yunet")
            #expect(created.json["metric"] as? String == "cosine")
            #expect(created.json["model_id"] as? String == "opencv_face_recognition_sface_2021dec")

            let made = try await client.send(
                .post, "/v1/collections", json: #"{"name": "classic", "detector": "hog"}"#)
            #expect(
                made.json["embedder"] as? String == "dlib", "a dlib detector alone brings dlib's embedder")
            let classic = try await client.execute(uri: "/v1/collections/classic", method: .get)
            #expect(classic.json["embedder"] as? String == "dlib")
            #expect(classic.json["detector"] as? String == "hog")
            try await client.createCollection("plain")
            let plain = try await client.execute(uri: "/v1/collections/plain", method: .get)
            #expect(plain.json["embedder"] as? String == "sface", "the default")

            let indexed = try await client.send(.post, "/v1/collections/fast/faces?label=obama", photo: obama)
            #expect(indexed.status == .created)
            _ = try await client.send(.post, "/v1/collections/fast/faces?label=biden", photo: biden)

            let result = try await client.send(.post, "/v1/collections/fast/search?top_k=2", photo: query)
            #expect(result.status == .ok)
            let faces = try #require(result.json["faces"] as? [[String: Any]])
            let matches = try #require(faces.first?["matches"] as? [[String: Any]])
            // At the default threshold (score 0.5, SFace's own same-person line) only Obama matches.
            #expect(matches.map { $0["label"] as? String } == ["obama"])
            let score = try #require(matches.first?["score"] as? Double)
            let distance = try #require(matches.first?["distance"] as? Double)
            #expect(score > 0.6)
            #expect(distance < 0.4)
        }
    }

    @Test func aDlibDetectorChoiceIsKept() async throws {
        try await ServerFixtures.withApp { client in
            let created = try await client.send(
                .post, "/v1/collections", json: #"{"name": "y", "detector": "yunet", "embedder": "dlib"}"#)
            #expect(created.status == .created)
            #expect(created.json["detector"] as? String == "yunet")
            #expect(created.json["metric"] as? String == "euclidean")
            let face = try await client.send(
                .post, "/v1/collections/y/faces", photo: try ServerFixtures.photo("obama.jpg"))
            #expect(face.status == .created)
        }
    }

    @Test(arguments: [
        #"{"name": "a", "embedder": "arcface"}"#,
        #"{"name": "a", "detector": "mtcnn"}"#,
        #"{"name": "a", "embedder": null}"#,
        #"{"name": "a", "detector": null}"#,
        #"{"name": "a", "embedder": "sface", "detector": "hog"}"#,
        #"{"name": "a", "embedder": "sface", "metric": "euclidean"}"#,
        #"{"name": "a", "embedder": 3}"#,
    ])
    func modelChoicesThatCannotWorkAreRefused(body: String) async throws {
        try await Self.expectCreationRefused(body)
    }

    /// Creating a collection with `body` gets a 400 and creates nothing.
    static func expectCreationRefused(_ body: String) async throws {
        try await ServerFixtures.withApp { client in
            let response = try await client.send(.post, "/v1/collections", json: body)
            #expect(response.status == .badRequest, "\(body)")
            #expect(["invalid_argument", "invalid_json"].contains(response.errorCode ?? ""), "\(body)")
            let list = try await client.execute(uri: "/v1/collections", method: .get)
            #expect((list.json["collections"] as? [Any])?.isEmpty == true, "nothing was half-created")
        }
    }

    @Test func compareAndDetectTakeTheModelsAsParameters() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let obama2 = try ServerFixtures.photo("obama2.jpg")
        let biden = try ServerFixtures.photo("biden.jpg")
        try await ServerFixtures.withApp { client in
            let same = try await client.send(
                .post, "/v1/compare?embedder=sface", form: [.photo("first", obama), .photo("second", obama2)])
            #expect(same.status == .ok)
            #expect(same.json["embedder"] as? String == "sface")
            #expect(same.json["metric"] as? String == "cosine")
            #expect(same.json["same_person"] as? Bool == true)
            let different = try await client.send(
                .post, "/v1/compare",
                jsonObject: [
                    "first": Data(obama).base64EncodedString(), "second": Data(biden).base64EncodedString(),
                    "embedder": "sface",
                ])
            #expect(different.json["same_person"] as? Bool == false)
            let classic = try await client.send(
                .post, "/v1/compare?embedder=dlib", form: [.photo("first", obama), .photo("second", obama2)])
            #expect(classic.json["embedder"] as? String == "dlib")
            #expect(classic.json["metric"] as? String == "euclidean")

            let detected = try await client.send(.post, "/v1/detect?detector=yunet", photo: obama)
            #expect(detected.status == .ok)
            let faces = try #require(detected.json["faces"] as? [[String: Any]])
            #expect(faces.count == 1)
            let confidence = try #require(faces.first?["confidence"] as? Double)
            #expect((0...1).contains(confidence))

            let refused = try await client.send(.post, "/v1/detect?detector=hog&embedder=sface", photo: obama)
            #expect(refused.status == .badRequest)
            #expect(refused.errorCode == "invalid_argument")
            let unknown = try await client.send(
                .post, "/v1/compare?detector=mtcnn", form: [.photo("first", obama), .photo("second", obama2)])
            #expect(unknown.status == .badRequest)
        }
    }
}

/// `/v1/collections/{name}/reembed`: a dlib collection moves to YuNet + SFace
/// in the background and keeps its labels.
@Suite struct ReembedRoutesTests {
    @Test func aCollectionIsReembeddedInTheBackgroundAndFollowed() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let biden = try ServerFixtures.photo("biden.jpg")
        try await ServerFixtures.withApp { client in
            _ = try await client.send(.post, "/v1/collections", json: #"{"name": "old", "detector": "hog"}"#)
            _ = try await client.send(.post, "/v1/collections/old/faces?label=obama", photo: obama)
            _ = try await client.send(.post, "/v1/collections/old/faces?label=biden", photo: biden)
            let none = try await client.execute(uri: "/v1/collections/old/reembed", method: .get)
            #expect(none.json["state"] as? String == "none")

            let started = try await client.send(
                .post, "/v1/collections/old/reembed", json: #"{"embedder": "sface"}"#)
            #expect(started.status == .accepted)
            #expect(started.json["to"] as? String == "yunet/sface")
            var state = started.json["state"] as? String
            var status = started
            for _ in 0..<600 where state == "running" {
                try await Task.sleep(for: .milliseconds(100))
                status = try await client.execute(uri: "/v1/collections/old/reembed", method: .get)
                state = status.json["state"] as? String
            }
            #expect(state == "finished", "\(status.json)")
            let report = try #require(status.json["report"] as? [String: Any])
            #expect(report["photos"] as? Int == 2 && report["faces"] as? Int == 2)
            let summary = try await client.execute(uri: "/v1/collections/old", method: .get)
            #expect(summary.json["embedder"] as? String == "sface")
            #expect(summary.json["labels"] as? Int == 2)
            let found = try await client.send(
                .post, "/v1/collections/old/search", photo: try ServerFixtures.photo("obama2.jpg"))
            let matches = (found.json["faces"] as? [[String: Any]])?.first?["matches"] as? [[String: Any]]
            #expect(matches?.first?["label"] as? String == "obama")

            let list = try await client.execute(uri: "/v1/collections", method: .get)
            #expect(
                (list.json["collections"] as? [[String: Any]])?.count == 1, "the staging collection is hidden"
            )
            let stopped = try await client.execute(uri: "/v1/collections/old/reembed", method: .delete)
            #expect(stopped.status == .ok)
        }
    }

    @Test func badReembedRequestsAreClientErrors() async throws {
        try await ServerFixtures.withApp { client in
            try await client.createCollection("c")
            for body in [
                #"{}"#, #"{"embedder": "arcface"}"#, #"{"embedder": "sface", "detector": "hog"}"#,
                #"{"detector": "hog", "embedder": null}"#,
            ] {
                let response = try await client.send(.post, "/v1/collections/c/reembed", json: body)
                #expect(response.status == .badRequest, "\(body)")
                #expect(response.errorCode == "invalid_argument", "\(body)")
            }
            let missing = try await client.send(
                .post, "/v1/collections/nobody/reembed", json: #"{"embedder": "dlib"}"#)
            #expect(missing.status == .notFound)
            let reserved = try await client.send(.post, "/v1/collections", json: #"{"name": "__mine"}"#)
            #expect(reserved.status == .badRequest)
        }
    }
}
