import Foundation
import Testing

/// The CLI's labels follow the store's rule (docs/API.md, "Labels and
/// external ids"): a bad one is a readable line and a non-zero exit, and
/// selects nothing.
@Suite struct LabelTextCLITests {
    @Test func badLabelsFailWithOneReadableLineAndTouchNothing() async throws {
        let data = FileManager.default.temporaryDirectory.appendingPathComponent("facesearch-cli-\(UUID())")
            .path
        let people = data + "-photos"
        let tab = people + "/a\tb"
        try FileManager.default.createDirectory(atPath: tab, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: people + "/obama", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: CLIRunner.photo("biden.jpg"), toPath: tab + "/biden.jpg")
        try FileManager.default.copyItem(
            atPath: CLIRunner.photo("obama.jpg"), toPath: people + "/obama/1.jpg")
        defer {
            try? FileManager.default.removeItem(atPath: data)
            try? FileManager.default.removeItem(atPath: people)
            try? FileManager.default.removeItem(atPath: data + "-report.json")
        }

        let ingest = try await CLIRunner.run([
            "ingest", people, "--collection", "people", "--label-from-folder", "--data", data, "--report",
            data + "-report.json",
        ])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let written = try Data(contentsOf: URL(fileURLWithPath: data + "-report.json"))
        let report = try JSONSerialization.jsonObject(with: written) as? [String: Any]
        let failures = report?["failures"] as? [[String: Any]] ?? []
        #expect(failures.map { $0["code"] as? String } == ["invalid_label"])
        #expect(report?["stored"] as? Int == 1)

        let delete = try await CLIRunner.run([
            "faces", "delete", "--collection", "people", "--label", "   ", "--data", data,
        ])
        #expect(delete.status != 0)
        #expect(delete.stderr.contains("label must not be empty or only whitespace"))
        let search = try await CLIRunner.run([
            "search", CLIRunner.photo("obama2.jpg"), "--collection", "people", "--label", "obama\u{7F}",
            "--data", data,
        ])
        #expect(search.status != 0)
        #expect(search.stderr.contains("label must not hold control characters"))
        let list = try await CLIRunner.run(["faces", "list", "--collection", "people", "--data", data])
        #expect(list.status == 0 && list.stdout.contains("obama"))
    }
}
