import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A failure of the harness itself: a server that does not start or stop.
struct ServeProcessFailure: Error, CustomStringConvertible {
    let description: String
}

/// A real `facesearch serve` process on a port the kernel picks (`--port 0`),
/// its output in a log file; the port is read from Hummingbird's
/// "listening on" line, so two test runs never race for a port.
final class ServeProcess {
    let process: Process
    let port: Int
    let logPath: String

    /// Starts the server over `data`, with `arguments` after the usual ones,
    /// and waits until it listens.
    init(data: String, arguments: [String] = []) async throws {
        let logPath = data + "-serve-\(UUID()).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["serve", "--port", "0", "--data", data, "--workers", "2"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try process.run()
        self.process = process
        self.logPath = logPath
        do {
            port = try await Self.waitFor("the server to listen") {
                guard process.isRunning else {
                    throw ServeProcessFailure(description: "serve exited early: \(Self.read(logPath))")
                }
                return Self.listeningPort(in: Self.read(logPath))
            }
        } catch {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw error
        }
    }

    deinit { killIfRunning() }

    /// The log so far.
    var log: String { Self.read(logPath) }

    /// Sends SIGTERM and waits for the process to exit; `nil` when it was
    /// killed by a signal rather than exiting.
    func terminate() async throws -> Int32? {
        kill(process.processIdentifier, SIGTERM)
        let process = process
        try await Self.waitFor("the server to exit after SIGTERM") { process.isRunning ? nil : true }
        return process.terminationReason == .exit ? process.terminationStatus : nil
    }

    /// Makes sure no server outlives a failed test.
    func killIfRunning() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Polls `probe` until it gives a value; a generous deadline only keeps a
    /// broken server from hanging the test run. The probe always runs once
    /// more after the deadline: in a full test run this task may wait long
    /// for a thread while the server has long been ready.
    @discardableResult static func waitFor<T>(
        _ what: String, seconds: Int = 120, _ probe: () async throws -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while true {
            if let value = try await probe() { return value }
            guard ContinuousClock.now < deadline else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw ServeProcessFailure(description: "gave up waiting for \(what) after \(seconds) s")
    }

    private static func read(_ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
    }

    /// The port of "Server started and listening on 127.0.0.1:PORT".
    static func listeningPort(in log: String) -> Int? {
        guard let marker = log.range(of: "listening on 127.0.0.1:") else { return nil }
        return Int(log[marker.upperBound...].prefix(while: \.isNumber))
    }
}

/// An HTTP client for one server, with an API key; real sockets through
/// URLSession (libcurl on Linux).
struct ServeClient: Sendable {
    let port: Int
    let key: String
    let session: URLSession

    init(port: Int, key: String) {
        self.port = port
        self.key = key
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 16
        configuration.timeoutIntervalForRequest = 120
        session = URLSession(configuration: configuration)
    }

    /// One request; the status and the body, or the transport error.
    func send(
        _ method: String, _ path: String, body: Data? = nil, contentType: String? = nil
    ) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 120
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        return (status, data)
    }

    /// A JSON request or a photo; the status and the decoded JSON object.
    func json(
        _ method: String, _ path: String, body: Data? = nil, contentType: String? = nil
    ) async throws -> (status: Int, object: [String: Any]) {
        let (status, data) = try await send(method, path, body: body, contentType: contentType)
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (status, object)
    }

    /// The value of the gauge of requests in flight for `method`, from `/metrics`.
    func requestsInFlight(method: String) async throws -> Double {
        let (_, data) = try await send("GET", "/metrics")
        let prefix = "http_server_active_requests{"
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").first {
            $0.hasPrefix(prefix) && $0.contains("http_request_method=\"\(method)\"")
        }
        return line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } ?? 0
    }
}
