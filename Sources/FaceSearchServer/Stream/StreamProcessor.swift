import FaceSearch
import FaceVision
import HummingbirdWebSocket
import Logging

/// Answers a connection's frames one at a time, through the engine and its
/// bounded pipeline: a connection never holds more than one inference at once.
struct StreamProcessor: Sendable {
    let engine: FaceSearchEngine
    let slot: StreamSlot
    let outbound: WebSocketOutboundWriter
    let logger: Logger

    /// Runs until the slot is closed, the task is cancelled or the client is gone.
    func run() async {
        for await frame in slot.frames {
            guard let answer = await answer(frame) else { continue }
            do {
                try await outbound.writeTextMessage(answer)
            } catch {
                return  // The connection is closed: nobody is left to answer.
            }
        }
    }

    /// The message answering a frame, or nil when the engine's queue was full
    /// and the frame counts as dropped.
    private func answer(_ frame: StreamFrame) async -> String? {
        let start = ContinuousClock.now
        let faces: [SearchAnswer.QueryFace]
        do {
            let result = try await engine.search(
                photo: frame.bytes, in: frame.collection, options: frame.options)
            faces = SearchAnswer.Answer(result).faces
        } catch EngineError.noFace {
            faces = []
        } catch FaceVisionError.overloaded {
            slot.drop()
            return nil
        } catch  where Task.isCancelled {
            return nil  // The client left; the frame needs no answer.
        } catch {
            let failure = StreamMessage.Failure(error, sequence: frame.sequence)
            if APIError(error).status.kind == .serverError {
                logger.error(
                    "stream frame failed",
                    metadata: [
                        "error.code": "\(failure.error.code)", "error": "\(String(reflecting: error))",
                    ])
            }
            return StreamMessage.text(failure)
        }
        let elapsed = start.duration(to: .now)
        let milliseconds =
            Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        return StreamMessage.text(
            StreamMessage.Result(
                sequence: frame.sequence, dropped: slot.takeDropped(), faces: faces,
                elapsedMS: (milliseconds * 1000).rounded() / 1000))
    }
}
