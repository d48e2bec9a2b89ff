import FaceVision
import Foundation
import MilvusClient

/// Every setting of `facesearch serve`, each from the first of: a command
/// line flag, a `FACESEARCH_*` environment variable, the JSON config file,
/// the built-in default. See docs/OPERATIONS.md for the table.
public struct ServiceSettings: Sendable, Equatable {
    /// Where a value came from, for the start-up log.
    public enum Source: String, Sendable {
        case flag, environment, file, `default`
    }

    /// The address to bind (default loopback).
    public var host = "127.0.0.1"
    /// The TCP port (default 8080).
    public var port = 8080
    /// The data folder (default `./data`).
    public var data = "data"
    /// The model folder; nil: `$FACESEARCH_CACHE/models`.
    public var models: String?
    /// The detector and embedder of new collections and of compare and
    /// detect calls (default: `PipelineConfiguration`'s; yunet when only the
    /// sface embedder is named, dlib when only a dlib detector is).
    public var pipelineModels = PipelineConfiguration().models
    /// The detector a source names, before the pair is resolved.
    var namedDetector: PipelineConfiguration.DetectorChoice?
    /// The embedder a source names, before the pair is resolved.
    var namedEmbedder: EmbedderChoice?
    /// Inference threads (default: one per core).
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// The inference queue bound (default 64).
    public var queueCapacity = 64
    /// The body limit (default 20 MiB).
    public var maxBodyBytes = ServerConfiguration.defaultMaxBodyBytes
    /// The `top_k` limit (default 1000).
    public var maxTopK = 1000
    /// Whether requests need keys (default: required).
    public var authentication = ServerConfiguration.Authentication.required
    /// Whether auth may be off on a non-loopback address (default false).
    public var allowUnauthenticatedRemote = false
    /// Whether `/metrics` needs a key of any scope (default false: Prometheus scrapes it freely).
    public var metricsRequireKey = false
    /// CORS origins (default none: CORS off).
    public var corsOrigins: [String] = []
    /// The search cache bound in MiB (default 64).
    public var searchCacheMiB = 64
    /// The thumbnail cache bound in MiB (default 16).
    public var thumbnailCacheMiB = 16
    /// Seconds an idle connection is kept open (default 60).
    public var idleTimeoutSeconds = 60
    /// Seconds requests in flight may run on after SIGTERM (default 30).
    public var shutdownGraceSeconds = 30
    /// The Milvus that holds the vectors (default none: they live in process).
    public var milvus: MilvusEndpoint?
    /// Where each setting came from, by config-file key.
    public internal(set) var sources: [String: Source] = [:]

    /// The defaults.
    public init() {}

    /// Every setting, in the order of docs/OPERATIONS.md. Adding a setting
    /// takes its property above and one line here; its flag, environment
    /// variable, config key, help and log line follow from it.
    public static let declarations: [SettingDeclaration] = [
        .text("host", \.host, "The address to bind (default 127.0.0.1; 0.0.0.0 for every interface)."),
        .integer("port", \.port, in: 0...65_535, "The TCP port (default 8080; 0: any free port)."),
        .text("data", \.data, "The data folder (default ./data)."),
        .parsed(
            "models", \.models, expected: "a folder", "The model folder (default: the setup cache).",
            parse: { $0.isEmpty ? nil : .some($0) }, show: { $0.models ?? "(setup cache)" }),
        .parsed(
            "detector", \.namedDetector, expected: "yunet, hog, cnn or hog+cnn",
            "The detector of new collections: yunet, hog, cnn or hog+cnn (default yunet).",
            parse: { PipelineConfiguration.DetectorChoice(rawValue: $0).map { .some($0) } },
            show: { $0.pipelineModels.detector.rawValue }),
        .parsed(
            "embedder", \.namedEmbedder, expected: "dlib or sface",
            "The embedder of new collections: sface (needs yunet) or dlib (default sface).",
            parse: { EmbedderChoice(rawValue: $0).map { .some($0) } },
            show: { $0.pipelineModels.embedder.rawValue }),
        .integer("workers", \.workers, in: 1...256, "Inference threads (default: one per core)."),
        .integer(
            "queue_capacity", \.queueCapacity, in: 1...100_000,
            "Photos that may wait for a worker before requests get 429 (default 64)."),
        .integer(
            "max_body_bytes", \.maxBodyBytes, in: 1024...Int(Int32.max),
            "The largest request body, in bytes (default 20 MiB)."),
        .integer(
            "max_top_k", \.maxTopK, in: 1...10_000,
            "The most matches a search may ask for per face (default 1000)."),
        .parsed(
            "auth", \.authentication, expected: "required or disabled", shorthand: ("--no-auth", "disabled"),
            "Whether requests need API keys: required or disabled (default required; --no-auth: disabled).",
            parse: { ServerConfiguration.Authentication(rawValue: $0) }, show: { $0.authentication.rawValue }),
        .boolean(
            "allow_unauthenticated_remote", \.allowUnauthenticatedRemote,
            "Allow auth disabled on an address other than loopback (default false)."),
        .boolean(
            "metrics_require_key", \.metricsRequireKey,
            "Ask for an API key (any scope) on /metrics too (default false: open, like the probes)."),
        .list(
            "cors_origins", \.corsOrigins, flag: "--cors-origin", unset: "(off)",
            "Origins whose pages may call the API, or * (repeatable; default none: CORS off)."),
        .integer(
            "search_cache_mib", \.searchCacheMiB, in: 0...65_536,
            "The search result cache bound in MiB; 0 turns it off (default 64)."),
        .integer(
            "thumbnail_cache_mib", \.thumbnailCacheMiB, in: 0...65_536,
            "The face thumbnail cache bound in MiB; 0 turns it off (default 16)."),
        .integer(
            "idle_timeout_seconds", \.idleTimeoutSeconds, in: 1...86_400,
            "Seconds an idle connection is kept open (default 60)."),
        .integer(
            "shutdown_grace_seconds", \.shutdownGraceSeconds, in: 0...86_400,
            "Seconds requests in flight may run on after SIGTERM or SIGINT (default 30)."),
        .parsed(
            "milvus", \.milvus, expected: "HOST:PORT (or grpc://HOST:PORT)",
            "The Milvus that holds the vectors, HOST:PORT (default: none, vectors in process).",
            parse: { MilvusEndpoint($0).map { .some($0) } },
            show: { $0.milvus.map { "\($0)" } ?? "(off: vectors in process)" }),
    ]

    /// Whether `host` binds only the loopback interface.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// The checks that involve more than one setting, or a list's items.
    func validate() throws(SettingsError) {
        func require(_ condition: Bool, _ message: String) throws(SettingsError) {
            if !condition { throw SettingsError(message) }
        }
        for origin in corsOrigins {
            try require(
                origin == "*" || origin.hasPrefix("http://") || origin.hasPrefix("https://"),
                "a CORS origin is * or starts with http:// or https://, not \(origin)")
        }
        try require(
            authentication == .required || Self.isLoopback(host) || allowUnauthenticatedRemote,
            "auth disabled on \(host) exposes the API to the network; "
                + "set allow_unauthenticated_remote (--allow-unauthenticated-remote) to mean it")
        try require(
            authentication == .required || !metricsRequireKey,
            "metrics_require_key needs auth required: with auth disabled there are no keys to check")
    }

    /// What the HTTP server takes of these settings.
    public var serverConfiguration: ServerConfiguration {
        ServerConfiguration(
            host: host, port: port, maxBodyBytes: maxBodyBytes, maxTopK: maxTopK,
            authentication: authentication, corsOrigins: corsOrigins, metricsRequireKey: metricsRequireKey,
            idleTimeoutSeconds: idleTimeoutSeconds, shutdownGraceSeconds: shutdownGraceSeconds)
    }

    /// The settings as `key=value (source)` pairs for the start-up log.
    /// Nothing here is secret: keys live hashed in the database.
    public var logMetadata: [String: String] {
        Dictionary(
            uniqueKeysWithValues: Self.declarations.map { setting in
                (setting.key, "\(setting.show(self)) (\(sources[setting.key, default: .default].rawValue))")
            })
    }
}

/// A setting that is malformed or out of range; the message names it.
public struct SettingsError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, for people.
    public let description: String

    init(_ description: String) { self.description = description }
}
