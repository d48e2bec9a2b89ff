import FaceSearch
import Synchronization

/// One frame accepted for processing, with the settings in force when it arrived.
struct StreamFrame: Sendable {
    let sequence: Int
    let bytes: [UInt8]
    let collection: String
    let options: SearchOptions
}

/// The one-place queue between a connection's reader and its processor: a new
/// frame replaces the one waiting, so a fast client never queues more than one
/// frame and every answer concerns a fresh one. Frames that will never be
/// answered are counted until the next answer reports them.
final class StreamSlot: Sendable {
    /// The frame waiting, for the processor to iterate.
    let frames: AsyncStream<StreamFrame>
    private let continuation: AsyncStream<StreamFrame>.Continuation
    private let dropped = Mutex(0)

    init() {
        (frames, continuation) = AsyncStream.makeStream(
            of: StreamFrame.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Offers a frame for processing. The frame it replaces is counted under
    /// the lock ``takeDropped()`` reads, so the answer to this frame reports it.
    func offer(_ frame: StreamFrame) {
        dropped.withLock { count in
            if case .dropped = continuation.yield(frame) { count += 1 }
        }
    }

    /// Counts a frame dropped for another reason (rate limit, busy engine).
    func drop() {
        dropped.withLock { $0 += 1 }
    }

    /// The frames dropped since the last call.
    func takeDropped() -> Int {
        dropped.withLock { count in
            defer { count = 0 }
            return count
        }
    }

    /// Ends the frames; the processor stops after the frame in hand.
    func close() {
        continuation.finish()
    }
}
