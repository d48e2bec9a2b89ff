import FaceSearch
import FaceSearchServer
import Foundation
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import Logging
import Synchronization
import Testing

@Suite struct StreamTests {
    @Test func framesAreAnsweredInOrderWithTheirMatches() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let blank = try ServerFixtures.blankPhoto()
        let messages = try await StreamSession.run(collection: "people", indexing: obama) { session in
            for _ in 1...3 {
                try await session.send(obama)
                _ = try await session.receive()
            }
            try await session.send(blank)
            _ = try await session.receive()
        }
        #expect(messages.map { $0["type"] as? String } == ["result", "result", "result", "result"])
        #expect(messages.map { $0["sequence"] as? Int } == [1, 2, 3, 4])
        #expect(messages.allSatisfy { $0["dropped"] as? Int == 0 && $0["elapsed_ms"] is Double })
        let faces = try #require(messages.first?["faces"] as? [[String: Any]])
        let matches = try #require(faces.first?["matches"] as? [[String: Any]])
        #expect(matches.first?["label"] as? String == "obama")
        #expect((messages.last?["faces"] as? [Any])?.isEmpty == true)
    }

    @Test func settingsChangeByTextAndBadSettingsKeepTheConnection() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let messages = try await StreamSession.run(collection: nil, indexing: obama) { session in
            try await session.send(obama)
            for text in [#"{"collection": "nope"}"#, #"{"top_k": 0}"#, "not json", #"{"threshold": 2}"#] {
                try await session.send(text)
            }
            try await session.send(#"{"collection": "people", "top_k": 1, "faces": "largest"}"#)
            try await session.send(obama)
            for _ in 1...7 { _ = try await session.receive() }
        }
        #expect(
            messages.map { $0["type"] as? String } == ["error"] + Array(repeating: "error", count: 4) + [
                "settings", "result",
            ])
        #expect(
            messages.map(\.errorCode).prefix(5) == [
                "invalid_argument", "collection_not_found", "invalid_argument", "invalid_argument",
                "invalid_argument",
            ])
        #expect(messages.first?["sequence"] as? Int == 1)
        #expect(messages[5]["top_k"] as? Int == 1 && messages[5]["faces"] as? String == "largest")
        #expect(messages[6]["sequence"] as? Int == 2)
        let faces = try #require(messages[6]["faces"] as? [[String: Any]])
        #expect((faces.first?["matches"] as? [Any])?.count == 1)
    }

    @Test func aSettingOfTheWrongTypeIsNamedInTheError() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let messages = try await StreamSession.run(collection: "people", indexing: obama) { session in
            for text in [#"{"threshold": "NaN"}"#, #"{"top_k": "5"}"#, #"{"faces": 1}"#, "[1]"] {
                try await session.send(text)
            }
            for _ in 1...4 { _ = try await session.receive() }
        }
        let errors = messages.map { ($0["error"] as? [String: Any])?["message"] as? String ?? "" }
        #expect(errors[0] == "threshold must be a number from 0 to 1")
        #expect(errors[1] == "top_k must be an integer")
        #expect(errors[2] == "faces must be all or largest")
        #expect(errors[3].hasPrefix("settings must be a JSON object"))
    }

    @Test func aBurstIsAnsweredWithTheLatestFramesAndCountsTheRestAsDropped() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let sent = 10
        let messages = try await StreamSession.run(collection: "people", indexing: obama) { session in
            for _ in 1...sent { try await session.send(obama) }
            var accounted = 0
            while accounted < sent {
                let message = try await session.receive()
                accounted += 1 + (message["dropped"] as? Int ?? 0)
            }
        }
        let sequences = messages.compactMap { $0["sequence"] as? Int }
        #expect(messages.allSatisfy { $0["type"] as? String == "result" })
        #expect(messages.count < sent)
        #expect(messages.count + messages.reduce(0) { $0 + ($1["dropped"] as? Int ?? 0) } == sent)
        #expect(sequences == sequences.sorted() && sequences.last == sent)
    }

    @Test func anOversizedOrUndecodableFrameIsAnErrorAndTheStreamGoesOn() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        let messages = try await StreamSession.run(collection: "people", indexing: obama) { session in
            try await session.send(
                [UInt8](repeating: 0xFF, count: StreamConfiguration.defaultMaxFrameBytes + 1))
            try await session.send([1, 2, 3])
            try await session.send(obama)
            for _ in 1...3 { _ = try await session.receive() }
        }
        #expect(messages.map(\.errorCode).first == "payload_too_large")
        #expect(messages.map { $0["sequence"] as? Int } == [1, 2, 3])
        #expect(messages[1]["type"] as? String == "error")
        #expect(messages[2]["type"] as? String == "result")
    }
}

@Suite struct StreamLifecycleTests {
    @Test func aClientLeavingMidFrameLeavesTheServerHealthy() async throws {
        let obama = try ServerFixtures.photo("obama.jpg")
        try await StreamSession.withLiveApp { client in
            try await client.createCollection("people")
            for _ in 1...3 {
                // Leaves right after sending: the answer has nobody to go to.
                _ = try await StreamSession.connect(client, collection: "people") { try await $0.send(obama) }
            }
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            let texts = try await StreamSession.connect(client, collection: "people") { session in
                try await session.send(obama)
                try await session.receive()
            }
            #expect(texts.map { StreamSession.parse($0)["type"] as? String } == ["result"])
        }
    }

    @Test func plainHTTPOnTheStreamPathIsToldToUpgrade() async throws {
        try await StreamSession.withLiveApp { client in
            let response = try await client.execute(uri: "/v1/stream", method: .get)
            #expect(response.status == .upgradeRequired)
            #expect(response.errorCode == "upgrade_required")
        }
    }
}
