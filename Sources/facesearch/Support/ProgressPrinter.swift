import FaceVision
import Foundation
import Synchronization

/// Shows the progress of a long command on standard error: a bar redrawn in
/// place on a terminal, a plain line every ten seconds otherwise (logs, CI).
final class ProgressPrinter: Sendable {
    private let label: String
    private let interactive = isatty(STDERR_FILENO) == 1
    private let started = ContinuousClock.now
    private let lastLine = Mutex<ContinuousClock.Instant?>(nil)

    init(label: String) {
        self.label = label
    }

    /// Reports `done` of `total` items; cheap enough to call after every item.
    func update(done: Int, total: Int, details: String) {
        let now = ContinuousClock.now
        let due = lastLine.withLock { last -> Bool in
            let interval: Duration = interactive ? .milliseconds(100) : .seconds(10)
            guard last.map({ now - $0 >= interval }) ?? true || done == total else { return false }
            last = now
            return true
        }
        guard due else { return }
        let elapsed = (now - started).seconds
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Int(Double(total - done) / rate) : nil
        let figures =
            "\(done)/\(total)  \(rate.formatted(1))/s  \(details)"
            + (eta.map { "  ETA \($0 / 60):\(String(format: "%02d", $0 % 60))" } ?? "")
        if interactive {
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(figures)\u{1B}[K".utf8))
        } else {
            FileHandle.standardError.write(Data("\(label): \(figures)\n".utf8))
        }
    }

    /// Ends the bar's line.
    func finish() {
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
