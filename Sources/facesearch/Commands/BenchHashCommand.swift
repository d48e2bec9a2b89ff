import ArgumentParser
import FaceStore
import Foundation

/// `facesearch bench sha256`: how fast the store names photos by content.
/// Every indexed photo is hashed twice (the duplicate check and the store's
/// own check of the digest) and every cached search once.
struct BenchHashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sha256",
        abstract: "SHA-256 of the photo store: milliseconds per buffer and MiB/s, medians of rounds."
    )

    @Option(help: "Buffer size in MiB.")
    var mib: Int = 20

    @Option(help: "Timed rounds (after one warm-up).")
    var rounds: Int = 9

    func validate() throws {
        if mib < 1 || rounds < 1 { throw ValidationError("--mib and --rounds must be at least 1") }
    }

    func run() async throws {
        var generator = SystemRandomNumberGenerator()
        let buffer = (0..<(mib << 20) / 8).flatMap { _ in withUnsafeBytes(of: generator.next()) { Array($0) }
        }
        var digest = FaceStore.sha256(buffer)
        var seconds: [Double] = []
        for _ in 0..<rounds {
            let started = ContinuousClock.now
            digest = FaceStore.sha256(buffer)
            seconds.append((ContinuousClock.now - started).seconds)
        }
        let median = seconds.sorted()[seconds.count / 2]
        print(
            String(
                format: "sha256 %d MiB: median %.2f ms, %.0f MiB/s over %d rounds (digest %@...)", mib,
                median * 1000, Double(mib) / median, rounds, String(digest.prefix(12))))
    }
}
