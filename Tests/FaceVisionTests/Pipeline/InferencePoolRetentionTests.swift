import Dispatch
import Synchronization
import TestSupport
import Testing

@testable import FaceVision

/// A job of the inference pool keeps nothing alive once it is over, whether
/// it ran, was refused because the queue was full, or was cancelled (issue
/// 12: each job reached itself through its closures and leaked with the
/// photo it carried, so every request leaked about its body's size).
@Suite struct InferencePoolRetentionTests {
    /// Stands for a photo's bytes: tells its tracker when it is freed.
    final class Payload: Sendable {
        let tracker: Tracker
        let index: Int
        let bytes = [UInt8](repeating: 7, count: 1 << 16)
        init(_ tracker: Tracker, _ index: Int) { (self.tracker, self.index) = (tracker, index) }
        deinit { tracker.freedIndices.withLock { _ = $0.insert(index) } }
    }

    /// Which payloads have been freed.
    final class Tracker: Sendable {
        let freedIndices = Mutex<Set<Int>>([])
        func payload(_ index: Int) -> Payload { Payload(self, index) }
        func freed(_ index: Int) -> Bool { freedIndices.withLock { $0.contains(index) } }
    }

    @Test func aJobThatRanFreesWhatItCaptured() async throws {
        let pipeline = try FacePipeline(
            configuration: .faceRecognitionCompatible, workers: 1, queueCapacity: 1)
        let tracker = Tracker()
        try await run(tracker.payload(0), on: pipeline)
        #expect(tracker.freed(0), "the finished job (or the queue) still holds its photo")
    }

    @Test func refusedAndCancelledJobsFreeWhatTheyCaptured() async throws {
        let pipeline = try FacePipeline(
            configuration: .faceRecognitionCompatible, workers: 1, queueCapacity: 2)
        let tracker = Tracker()
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        // The only worker is held, so the next jobs wait in the queue.
        let blocker = Task {
            try await pipeline.pool.run { _, _ in
                started.signal()
                release.wait()
            }
        }
        try await onOwnThread { started.wait() }
        let cancelled = Task { try await run(tracker.payload(1), on: pipeline) }
        let queued = Task { try await run(tracker.payload(2), on: pipeline) }
        while pipeline.queueDepth < 2 { await Task.yield() }
        cancelled.cancel()
        await #expect(throws: FaceVisionError.self) { try await run(tracker.payload(3), on: pipeline) }
        #expect(tracker.freed(3), "the refused job still holds its photo")
        release.signal()
        try await blocker.value
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        try await queued.value
        #expect(tracker.freed(1), "the cancelled job still holds its photo")
        #expect(tracker.freed(2), "the queued job still holds its photo after it ran")
    }

    private func run(_ payload: Payload, on pipeline: FacePipeline) async throws {
        _ = try await pipeline.pool.run { _, _ in payload.bytes.count }
    }
}
