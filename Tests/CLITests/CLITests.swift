import FaceVision
import Foundation
import Testing

/// The `facesearch` command line, run as a real process on real photos.
@Suite struct CLITests {
    @Test func detectPrintsFaceRecognitionsBoxAsJSON() async throws {
        let outcome = try await CLIRunner.run([
            "detect", "--json", "--face-recognition-compatible", CLIRunner.photo("obama.jpg"),
        ])
        #expect(outcome.status == 0)
        let reports = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]]
        let faces = try #require(reports?.first?["faces"] as? [[String: Any]])
        #expect(faces.count == 1)
        let box = try #require(faces.first?["box"] as? [String: Int])
        #expect(box == ["left": 349, "top": 142, "right": 617, "bottom": 409])
        #expect((faces.first?["landmarks"] as? [Any])?.count == 5)
    }

    @Test func compareSaysSamePersonForObamaAndDifferentForBiden() async throws {
        let same = try await CLIRunner.run([
            "compare", CLIRunner.photo("obama.jpg"), CLIRunner.photo("obama2.jpg"),
        ])
        #expect(same.status == 0)
        #expect(same.stdout.contains("same person"))
        let different = try await CLIRunner.run([
            "compare", "--json", CLIRunner.photo("obama.jpg"), CLIRunner.photo("biden.jpg"),
        ])
        #expect(different.status == 0)
        let comparison = try JSONSerialization.jsonObject(with: Data(different.stdout.utf8)) as? [String: Any]
        #expect(comparison?["samePerson"] as? Bool == false)
        #expect((comparison?["distance"] as? Double ?? 0) > 0.6)
    }

    @Test func embedPrintsA128ValueDescriptorPerFace() async throws {
        let outcome = try await CLIRunner.run(["embed", "--json", CLIRunner.photo("biden.jpg")])
        #expect(outcome.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        let faces = try #require(report?["faces"] as? [[String: Any]])
        #expect(faces.count == 1)
        #expect((faces.first?["descriptor"] as? [Double])?.count == 128)
    }

    @Test func benchSHA256PrintsItsFigures() async throws {
        let outcome = try await CLIRunner.run(["bench", "sha256", "--mib", "1", "--rounds", "3"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(
            outcome.stdout.hasPrefix("sha256 1 MiB: median ")
                && outcome.stdout.contains("MiB/s over 3 rounds"))
        let refused = try await CLIRunner.run(["bench", "sha256", "--rounds", "0"])
        #expect(refused.status != 0 && refused.stderr.contains("--mib and --rounds must be at least 1"))
    }

    @Test func aMissingFileFailsWithOneClearLine() async throws {
        let outcome = try await CLIRunner.run(["compare", "/nonexistent/a.jpg", CLIRunner.photo("obama.jpg")])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "facesearch: /nonexistent/a.jpg: no such file\n")
    }

    @Test func bytesThatAreNoImageFailWithTheReason() async throws {
        let path = try CLIRunner.temporaryFile(
            "noise.jpg", (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
        let outcome = try await CLIRunner.run(["detect", path, CLIRunner.photo("obama.jpg")])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "facesearch: \(path): not a JPEG, PNG or WebP image\n")
        #expect(outcome.stdout.contains("obama.jpg: 910x1137, 1 face(s)"), "the good photo is still reported")
    }

    @Test func comparingAPhotoWithoutAFaceSaysSo() async throws {
        let blank = RGBImage(width: 320, height: 240, pixels: [UInt8](repeating: 200, count: 320 * 240 * 3))
        let path = try CLIRunner.temporaryFile("blank.jpg", try JPEGEncoder().encode(blank))
        let outcome = try await CLIRunner.run(["compare", path, CLIRunner.photo("obama.jpg")])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "facesearch: \(path): no face found\n")
    }

    @Test func aBadServeSettingIsAUsageErrorNamingIt() async throws {
        let config = try CLIRunner.temporaryFile("serve.json", Array(#"{"prot": 8080}"#.utf8))
        let unknown = try await CLIRunner.run(["serve", "--config", config])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("has an unknown key prot"), "\(unknown.stderr)")
        let port = try await CLIRunner.run(["serve", "--port", "70000", "--data", "/nonexistent/data"])
        #expect(port.status == 64)
        #expect(port.stderr == "facesearch: serve: port must be 0 to 65535, not 70000\n", "\(port.stderr)")
    }

    @Test func anHNSWCollectionsEfIsChangedFromTheCommandLine() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("facesearch-ef-\(UUID())")
            .path
        defer { try? FileManager.default.removeItem(atPath: data) }
        let created = try await CLIRunner.run([
            "collections", "create", "big", "--index", "hnsw", "--data", data,
        ])
        #expect(created.status == 0, "\(created.stderr)")
        let changed = try await CLIRunner.run(["collections", "set-ef", "big", "200", "--data", data])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("ef 200"), "\(changed.stdout)")
        let listed = try await CLIRunner.run(["collections", "list", "--json", "--data", data])
        #expect(listed.stdout.contains(#""ef" : 200"#), "\(listed.stdout)")
        let refused = try await CLIRunner.run(["collections", "set-ef", "big", "0", "--data", data])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.hasPrefix("facesearch: ") && refused.stderr.contains("ef"), "\(refused.stderr)")
    }

    @Test func badOptionsAreRefusedBeforeAnyWork() async throws {
        let outcome = try await CLIRunner.run(["detect", "--upsample", "9", CLIRunner.photo("obama.jpg")])
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("--upsample must be 0 to 3, below:N (N at least 64) or auto, not 9"))
        for (option, value, message) in [
            ("--cnn-upsample", "4", "--cnn-upsample must be 0 to 3, below:N"),
            ("--upsample", "below:10", "--upsample must be 0 to 3, below:N"),
            ("--cnn-size", "32", "--cnn-size must be 0 or at least 64"),
        ] {
            let refused = try await CLIRunner.run(["detect", option, value, CLIRunner.photo("obama.jpg")])
            #expect(refused.status == 64)
            #expect(refused.stderr.contains(message), "\(option) \(value): \(refused.stderr)")
        }
    }
}
