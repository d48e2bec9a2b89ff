/// How the HTTP service listens and which limits it enforces on requests.
public struct ServerConfiguration: Sendable, Equatable {
    /// The address to bind; the loopback address by default, so nothing is
    /// exposed before authentication exists.
    public var host: String
    /// The TCP port to listen on.
    public var port: Int
    /// The largest request body accepted; larger bodies are answered with 413.
    public var maxBodyBytes: Int
    /// The most matches one search may ask for per query face.
    public var maxTopK: Int
    /// The most faces one page of a face listing may hold.
    public var maxPageSize: Int
    /// Whether requests need an API key; see ``KeyIdentificationMiddleware`` and ``ScopeMiddleware``.
    public var authentication: Authentication
    /// Origins whose pages may call the API (`*`: any); empty turns CORS off.
    public var corsOrigins: [String]
    /// Whether `/metrics` needs a key of any scope; with `false` it is open like the probes.
    public var metricsRequireKey: Bool
    /// Seconds a connection may stay idle (no request under way, or a request
    /// that stopped arriving) before the server closes it.
    public var idleTimeoutSeconds: Int
    /// Seconds requests in flight may run on after SIGTERM before their
    /// connections are closed and the server stops.
    public var shutdownGraceSeconds: Int

    /// Whether the API asks for keys.
    public enum Authentication: String, Sendable, Equatable {
        /// Every endpoint except the probes needs a key of a sufficient scope.
        case required
        /// No endpoint needs a key: for a trusted network or local use only.
        case disabled
    }

    /// The default body limit: 20 MiB, room for a large phone photo.
    public static let defaultMaxBodyBytes = 20 * 1024 * 1024

    /// A configuration; every parameter has a default.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = defaultMaxBodyBytes,
        maxTopK: Int = 1000, maxPageSize: Int = 1000, authentication: Authentication = .required,
        corsOrigins: [String] = [], metricsRequireKey: Bool = false, idleTimeoutSeconds: Int = 60,
        shutdownGraceSeconds: Int = 30
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.maxTopK = maxTopK
        self.maxPageSize = maxPageSize
        self.authentication = authentication
        self.corsOrigins = corsOrigins
        self.metricsRequireKey = metricsRequireKey
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.shutdownGraceSeconds = shutdownGraceSeconds
    }
}
