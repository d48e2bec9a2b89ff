import FaceVision
import Foundation
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `facesearch serve` as a real process on a real socket: photos indexed and
/// searched over HTTP, SIGTERM with requests in flight, and a restart on the
/// same data folder that still holds every face the server acknowledged.
@Suite struct ServeProcessTests {
    struct Person {
        let label: String
        let gallery: [[UInt8]]
        let probe: [UInt8]
    }

    /// A photo for the indexing stream: a re-encoding of a gallery photo, so
    /// it holds a face and has bytes of its own.
    struct Variant: Sendable {
        let label: String
        let bytes: [UInt8]
    }

    enum IndexOutcome: Sendable {
        /// 2xx: the faces the server acknowledged, and whether the answer came
        /// after SIGTERM was sent.
        case stored(variant: Int, faceIDs: [Int64], afterSIGTERM: Bool)
        /// Any other HTTP answer.
        case answered(variant: Int, status: Int, body: String)
        /// A transport error (`URLError` code), and whether SIGTERM was sent before it.
        case connectionError(variant: Int, code: Int, afterSIGTERM: Bool)
    }

    /// Hands out the variants to the indexing clients, and knows whether SIGTERM was sent.
    actor Feed {
        private var next = 0
        private let count: Int
        private(set) var terminated = false
        private(set) var acknowledged = 0

        init(count: Int) { self.count = count }

        /// The next variant, round and round: the clients never run dry before
        /// SIGTERM (a variant sent again is answered 200, already stored).
        func take() -> Int {
            next += 1
            return (next - 1) % count
        }

        func markTerminated() { terminated = true }

        /// Counts a 2xx answer; says whether SIGTERM had been sent when it arrived.
        func acknowledge() -> Bool {
            acknowledged += 1
            return terminated
        }
    }

    /// Five celeba-dev identities (four gallery photos and a probe each) when
    /// the datasets are here; Obama and Biden from face_recognition's test photos otherwise.
    static func people() throws -> [Person] {
        if let datasets = Datasets.folder, FileManager.default.fileExists(atPath: datasets + "/celeba-dev") {
            return try ["7201", "7202", "7203", "7204", "7205"].map { identity in
                let folder = datasets + "/celeba-dev/" + identity
                let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().prefix(5)
                let photos = try files.map { name in
                    guard let data = FileManager.default.contents(atPath: folder + "/" + name) else {
                        throw SetupMissing(what: "dataset photo \(folder)/\(name)")
                    }
                    return [UInt8](data)
                }
                return Person(label: identity, gallery: Array(photos.prefix(4)), probe: photos[4])
            }
        }
        print("⚠️  serve process test uses the test photos only: FACESEARCH_DATASETS is not set")
        let biden = try TestPhotos.bytes("biden.jpg")
        return [
            Person(
                label: "obama",
                gallery: [try TestPhotos.bytes("obama.jpg"), try TestPhotos.bytes("obama2.jpg")],
                probe: try TestPhotos.bytes("obama3.jpg")),
            Person(label: "biden", gallery: [biden], probe: try mirrored(biden)),
        ]
    }

    /// The photo flipped left to right: another picture of the same face.
    static func mirrored(_ bytes: [UInt8]) throws -> [UInt8] {
        let image = try ImageDecoder().decode(bytes).image
        var pixels = image.pixels
        for y in 0..<image.height {
            for x in 0..<image.width {
                let from = (y * image.width + image.width - 1 - x) * 3
                let to = (y * image.width + x) * 3
                pixels[to..<to + 3] = image.pixels[from..<from + 3]
            }
        }
        return try JPEGEncoder().encode(RGBImage(width: image.width, height: image.height, pixels: pixels))
    }

    /// Each photo re-encoded at several JPEG qualities.
    static func variants(of photos: [(label: String, bytes: [UInt8])]) throws -> [Variant] {
        try [95, 92, 89, 86, 83, 80].flatMap { quality in
            try photos.map { photo in
                let image = try ImageDecoder().decode(photo.bytes).image
                return Variant(label: photo.label, bytes: try JPEGEncoder().encode(image, quality: quality))
            }
        }
    }

    static func createKey(data: String) async throws -> String {
        let outcome = try await CLIRunner.run([
            "keys", "create", "--name", "test", "--scope", "admin", "--data", data,
        ])
        guard outcome.status == 0, outcome.stdout.hasPrefix("fsk_") else {
            throw ServeProcessFailure(description: "keys create failed: \(outcome.stderr)")
        }
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func faceIDs(_ answer: [String: Any]) -> [Int64] {
        (answer["faces"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
    }

    /// The matches of the largest query face of a search answer.
    static func matches(_ answer: [String: Any]) -> [[String: Any]] {
        (answer["faces"] as? [[String: Any]])?.first?["matches"] as? [[String: Any]] ?? []
    }

    /// Indexes one variant and says how it ended.
    static func index(_ number: Int, _ variant: Variant, client: ServeClient, feed: Feed) async
        -> IndexOutcome
    {
        do {
            let (status, answer) = try await client.json(
                "POST", "/v1/collections/people/faces?label=\(variant.label)&external_id=v\(number)",
                body: Data(variant.bytes), contentType: "image/jpeg")
            guard (200..<300).contains(status) else {
                let body = String(decoding: try JSONSerialization.data(withJSONObject: answer), as: UTF8.self)
                return .answered(variant: number, status: status, body: body)
            }
            return .stored(variant: number, faceIDs: faceIDs(answer), afterSIGTERM: await feed.acknowledge())
        } catch {
            let code = (error as? URLError)?.code.rawValue ?? -1
            return .connectionError(variant: number, code: code, afterSIGTERM: await feed.terminated)
        }
    }

    /// Four clients index variants one after another until the server stops answering.
    static func indexUntilRefused(_ variants: [Variant], client: ServeClient, feed: Feed) async
        -> [IndexOutcome]
    {
        await withTaskGroup(of: [IndexOutcome].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var outcomes: [IndexOutcome] = []
                    while !Task.isCancelled {
                        let number = await feed.take()
                        let outcome = await index(number, variants[number], client: client, feed: feed)
                        outcomes.append(outcome)
                        if case .connectionError = outcome { break }
                    }
                    return outcomes
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
    }

    @Test func aServerStoppedWithRequestsInFlightKeepsEveryAcknowledgedFace() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("facesearch-serve-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: data) }  // after the servers' defers
        let key = try await Self.createKey(data: data)
        let people = try Self.people()

        // A gallery over HTTP, and the right person first for every probe.
        let server = try await ServeProcess(data: data)
        defer { server.killIfRunning() }
        let client = ServeClient(port: server.port, key: key)
        let created = try await client.json(
            "POST", "/v1/collections", body: Data(#"{"name": "people"}"#.utf8),
            contentType: "application/json")
        #expect(created.status == 201)
        var indexed: [(label: String, bytes: [UInt8])] = []
        for person in people {
            for photo in person.gallery {
                let (status, answer) = try await client.json(
                    "POST", "/v1/collections/people/faces?label=\(person.label)", body: Data(photo),
                    contentType: "image/jpeg")
                #expect(status == 201 || answer["error"] != nil, "indexed, or refused with a reason")
                if status == 201 { indexed.append((person.label, photo)) }
            }
            #expect(
                indexed.filter { $0.label == person.label }.count >= 1, "\(person.label) is in the gallery")
        }
        for person in people {
            let (status, answer) = try await client.json(
                "POST", "/v1/collections/people/search?top_k=3&threshold=0", body: Data(person.probe),
                contentType: "image/jpeg")
            #expect(status == 200)
            #expect(
                Self.matches(answer).first?["label"] as? String == person.label, "\(person.label) comes first"
            )
        }

        // SIGTERM while clients keep indexing: every request ends in a 2xx or a
        // connection error, and the requests in flight are answered, not dropped.
        let variants = try Self.variants(of: indexed)
        let feed = Feed(count: variants.count)
        async let streamed = Self.indexUntilRefused(variants, client: client, feed: feed)
        try await ServeProcess.waitFor("four photos acknowledged and two index requests in flight") {
            () async throws -> Bool? in
            guard await feed.acknowledged >= 4 else { return nil }
            return try await client.requestsInFlight(method: "POST") >= 2 ? true : nil
        }
        await feed.markTerminated()
        let status = try await server.terminate()
        let outcomes = await streamed
        #expect(status == 0, "serve exits with status 0 after SIGTERM:\n\(server.log)")
        var acknowledged: [(variant: Int, faceIDs: [Int64])] = []
        var lost: [Int] = []
        var drained = 0
        for outcome in outcomes {
            switch outcome {
            case .stored(let variant, let faceIDs, let afterSIGTERM):
                #expect(!faceIDs.isEmpty, "an acknowledged photo has its faces")
                acknowledged.append((variant, faceIDs))
                if afterSIGTERM { drained += 1 }
            case .answered(let variant, let status, let body):
                Issue.record(
                    "variant \(variant) was answered \(status) \(body), not 2xx nor a connection error")
            case .connectionError(let variant, let code, let afterSIGTERM):
                #expect(afterSIGTERM, "variant \(variant) failed (URLError \(code)) before SIGTERM was sent")
                lost.append(variant)
            }
        }
        print(
            "SIGTERM: \(acknowledged.count) photos acknowledged (\(drained) answered after the signal), "
                + "\(lost.count) refused")
        #expect(drained >= 1, "a request in flight at SIGTERM was answered")
        #expect(!lost.isEmpty, "requests sent after SIGTERM are refused")

        // A restart on the same folder: every acknowledged face is there and
        // found by its own photo; an unacknowledged photo is stored whole or not at all.
        let restarted = try await ServeProcess(data: data)
        defer { restarted.killIfRunning() }
        let again = ServeClient(port: restarted.port, key: key)
        for (variant, faceIDs) in acknowledged {
            for id in faceIDs {
                let (status, _) = try await again.send("GET", "/v1/collections/people/faces/\(id)")
                #expect(status == 200, "face \(id) of variant \(variant) survived the restart")
            }
            let (status, answer) = try await again.json(
                "POST", "/v1/collections/people/search?top_k=50&threshold=0",
                body: Data(variants[variant].bytes),
                contentType: "image/jpeg")
            #expect(status == 200)
            let found = Self.matches(answer).contains {
                faceIDs.contains(($0["face_id"] as? NSNumber)?.int64Value ?? -1)
                    && (($0["distance"] as? NSNumber)?.doubleValue ?? 1) < 1e-4
            }
            #expect(found, "variant \(variant) finds its own face after the restart")
        }
        for variant in lost {
            let (status, answer) = try await again.json(
                "POST", "/v1/collections/people/faces?label=\(variants[variant].label)",
                body: Data(variants[variant].bytes), contentType: "image/jpeg")
            #expect(status == 201 || (status == 200 && !Self.faceIDs(answer).isEmpty), "never half-applied")
        }
        let summary = try await again.json("GET", "/v1/collections/people")
        var listed = 0
        var after = ""
        while true {
            let page = try await again.json("GET", "/v1/collections/people/faces?limit=1000\(after)")
            let faces = page.object["faces"] as? [[String: Any]] ?? []
            listed += faces.count
            guard let next = (page.object["next_after"] as? NSNumber)?.int64Value else { break }
            after = "&after=\(next)"
        }
        #expect((summary.object["faces"] as? NSNumber)?.intValue == listed, "the index and the store agree")
        #expect(try await restarted.terminate() == 0)
    }
}
