import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A plain TCP connection to a local server, for the clients an HTTP
/// library will not imitate: one that sends nothing, half a request head,
/// or a body shorter than its `Content-Length`.
final class RawConnection: Sendable {
    private let descriptor: Int32

    /// Connects to 127.0.0.1:`port`. Reads give up after `readTimeout`
    /// seconds, so a server that never closes fails the test instead of hanging it.
    init(port: Int, readTimeout: Int = 60) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServeProcessFailure(description: "socket() failed: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw ServeProcessFailure(description: "connect to port \(port) failed: \(errno)")
        }
        var timeout = timeval(tv_sec: readTimeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    /// Sends `text` as it is.
    func send(_ text: String) throws {
        try send(bytes: Array(text.utf8))
    }

    /// Sends `bytes` as they are.
    func send(bytes: [UInt8]) throws {
        let sent = bytes.withUnsafeBytes {
            Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        }
        guard sent == bytes.count else { throw ServeProcessFailure(description: "send failed: \(errno)") }
    }

    /// The first bytes the server sends (at most 4 KiB), or nil when none
    /// came before a read timed out or the connection closed.
    func readSome() async throws -> [UInt8]? {
        try await onOwnThread { [descriptor] () -> [UInt8]? in
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            return count > 0 ? Array(buffer[0..<count]) : nil
        }
    }

    /// One whole HTTP response with a `Content-Length`, as text, or what came
    /// before the connection closed or a read timed out.
    func readResponse() async throws -> String {
        var received: [UInt8] = []
        while let more = try await readSome() {
            received += more
            let text = String(decoding: received, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { continue }
            let length =
                text[..<end.lowerBound].split(separator: "\r\n")
                .first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            if text[end.upperBound...].utf8.count >= length { return text }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Reads until the server closes the connection: the bytes it sent, or
    /// nil when it was still open when a read timed out.
    func readUntilClosed() async throws -> [UInt8]? {
        try await onOwnThread { [descriptor] () -> [UInt8]? in
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if count == 0 { return received }
                if count < 0 { return errno == ECONNRESET ? received : nil }
                received += buffer[0..<count]
            }
        }
    }
}
