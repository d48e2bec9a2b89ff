import Hummingbird
import HummingbirdWebSocket

/// Reads whole messages from a WebSocket's frames, keeping at most `limit`
/// bytes of each: an oversized message is read to its end and reported by
/// size, so the connection survives it (`messages(maxSize:)` would close it).
struct StreamMessageReader {
    enum Message {
        case text(String)
        case binary([UInt8])
        case oversized(bytes: Int, binary: Bool)
    }

    private var frames: WebSocketInboundStream.AsyncIterator
    private let limit: Int

    init(_ inbound: WebSocketInboundStream, limit: Int) {
        self.frames = inbound.makeAsyncIterator()
        self.limit = limit
    }

    /// The next message, or nil once the client has closed the connection.
    mutating func next() async throws -> Message? {
        while let first = try await frames.next() {
            // A continuation without a first frame is a client bug: skip it.
            guard first.opcode != .continuation else { continue }
            var size = first.data.readableBytes
            var buffer: ByteBuffer? = size <= limit ? first.data : nil
            var fin = first.fin
            while !fin {
                guard var frame = try await frames.next() else { return nil }
                size += frame.data.readableBytes
                if size <= limit {
                    buffer?.writeBuffer(&frame.data)
                } else {
                    buffer = nil
                }
                fin = frame.fin
            }
            let binary = first.opcode == .binary
            guard let buffer else { return .oversized(bytes: size, binary: binary) }
            return binary
                ? .binary(Array(buffer.readableBytesView))
                : .text(String(decoding: buffer.readableBytesView, as: UTF8.self))
        }
        return nil
    }
}
