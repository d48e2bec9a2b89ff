import FaceVision
import Foundation
import MilvusClient

/// Every setting of `facesearch serve`, each from the first of: a command
/// line flag, a `FACESEARCH_*` environment variable, the JSON config file,
/// the built-in default. See docs/OPERATIONS.md for the table.
public struct ServiceSettings: Sendable, Equatable {
    /// One source's settings: what it sets, nil for what it leaves alone.
    /// The config file is this as JSON with snake_case keys; unknown keys are errors.
    public struct Layer: Sendable, Equatable, Decodable {
        /// The address to bind.
        public var host: String?
        /// The TCP port.
        public var port: Int?
        /// The data folder.
        public var data: String?
        /// The folder of the model files.
        public var models: String?
        /// The detector of new collections and of compare and detect calls.
        public var detector: String?
        /// The embedder of new collections and of compare calls.
        public var embedder: String?
        /// Inference threads.
        public var workers: Int?
        /// Photos that may wait for a worker before requests get 429.
        public var queueCapacity: Int?
        /// The largest request body, in bytes.
        public var maxBodyBytes: Int?
        /// The most matches per query face.
        public var maxTopK: Int?
        /// `required` or `disabled`.
        public var auth: String?
        /// Whether auth may be disabled on a non-loopback address.
        public var allowUnauthenticatedRemote: Bool?
        /// Whether `/metrics` needs an API key.
        public var metricsRequireKey: Bool?
        /// Origins allowed to call the API from a browser (`*` for any).
        public var corsOrigins: [String]?
        /// The bound of the search result cache, in MiB (0 turns it off).
        public var searchCacheMiB: Int?
        /// The bound of the thumbnail cache, in MiB (0 turns it off).
        public var thumbnailCacheMiB: Int?
        /// Seconds an idle connection is kept open.
        public var idleTimeoutSeconds: Int?
        /// Seconds requests in flight may run on after SIGTERM.
        public var shutdownGraceSeconds: Int?
        /// The Milvus that holds the vectors (`HOST:PORT`); none: in process.
        public var milvus: String?

        /// An empty layer.
        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case host, port, data, models, workers, auth, detector, embedder, milvus
            case queueCapacity = "queue_capacity"
            case maxBodyBytes = "max_body_bytes"
            case maxTopK = "max_top_k"
            case allowUnauthenticatedRemote = "allow_unauthenticated_remote"
            case metricsRequireKey = "metrics_require_key"
            case corsOrigins = "cors_origins"
            case searchCacheMiB = "search_cache_mib"
            case thumbnailCacheMiB = "thumbnail_cache_mib"
            case idleTimeoutSeconds = "idle_timeout_seconds"
            case shutdownGraceSeconds = "shutdown_grace_seconds"
        }
    }

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
    /// sface embedder is named).
    public var pipelineModels = PipelineConfiguration().models
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
    public private(set) var sources: [String: Source] = [:]

    /// The defaults.
    public init() {}

    /// The settings of `layers`, the first one that sets a value winning
    /// (flags, environment, file); then checked as a whole.
    public init(layers: [(Source, Layer)]) throws(SettingsError) {
        func pick<T>(_ key: Layer.CodingKeys, _ path: KeyPath<Layer, T?>, into target: inout T) {
            for (source, layer) in layers {
                if let value = layer[keyPath: path] {
                    target = value
                    sources[key.rawValue] = source
                    return
                }
            }
            sources[key.rawValue] = .default
        }
        pick(.host, \.host, into: &host)
        pick(.port, \.port, into: &port)
        pick(.data, \.data, into: &data)
        var models: String? = nil
        for (source, layer) in layers where models == nil {
            if let value = layer.models { (models, sources["models"]) = (value, source) }
        }
        self.models = models
        try pickModels(layers)
        pick(.workers, \.workers, into: &workers)
        pick(.queueCapacity, \.queueCapacity, into: &queueCapacity)
        pick(.maxBodyBytes, \.maxBodyBytes, into: &maxBodyBytes)
        pick(.maxTopK, \.maxTopK, into: &maxTopK)
        var auth = authentication.rawValue
        pick(.auth, \.auth, into: &auth)
        guard let parsed = ServerConfiguration.Authentication(rawValue: auth) else {
            throw SettingsError("auth must be required or disabled, not \(auth)")
        }
        authentication = parsed
        pick(.allowUnauthenticatedRemote, \.allowUnauthenticatedRemote, into: &allowUnauthenticatedRemote)
        pick(.metricsRequireKey, \.metricsRequireKey, into: &metricsRequireKey)
        pick(.corsOrigins, \.corsOrigins, into: &corsOrigins)
        pick(.searchCacheMiB, \.searchCacheMiB, into: &searchCacheMiB)
        pick(.thumbnailCacheMiB, \.thumbnailCacheMiB, into: &thumbnailCacheMiB)
        pick(.idleTimeoutSeconds, \.idleTimeoutSeconds, into: &idleTimeoutSeconds)
        pick(.shutdownGraceSeconds, \.shutdownGraceSeconds, into: &shutdownGraceSeconds)
        var milvusText = ""
        pick(.milvus, \.milvus, into: &milvusText)
        if !milvusText.isEmpty {
            guard let endpoint = MilvusEndpoint(milvusText) else {
                throw SettingsError("milvus must be HOST:PORT (or grpc://HOST:PORT), not \(milvusText)")
            }
            milvus = endpoint
        }
        try validate()
    }

    /// The detector and embedder, each from the first layer naming it.
    private mutating func pickModels(_ layers: [(Source, Layer)]) throws(SettingsError) {
        var detectorName: String?
        var embedderName: String?
        sources["detector"] = .default
        sources["embedder"] = .default
        for (source, layer) in layers {
            if detectorName == nil, let name = layer.detector {
                (detectorName, sources["detector"]) = (name, source)
            }
            if embedderName == nil, let name = layer.embedder {
                (embedderName, sources["embedder"]) = (name, source)
            }
        }
        var embedder: EmbedderChoice?
        var detector: PipelineConfiguration.DetectorChoice?
        if let embedderName {
            embedder = EmbedderChoice(rawValue: embedderName)
            if embedder == nil { throw SettingsError("embedder must be dlib or sface, not \(embedderName)") }
        }
        if let detectorName {
            detector = PipelineConfiguration.DetectorChoice(rawValue: detectorName)
            if detector == nil {
                throw SettingsError("detector must be yunet, hog, cnn or hog+cnn, not \(detectorName)")
            }
        }
        pipelineModels = ModelChoice.resolving(
            detector: detector, embedder: embedder, defaults: pipelineModels)
        do {
            try pipelineModels.validate()
        } catch {
            throw SettingsError(
                "the sface embedder needs the yunet detector, not \(pipelineModels.detector.rawValue)")
        }
    }

    /// Whether `host` binds only the loopback interface.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    private func validate() throws(SettingsError) {
        func require(_ condition: Bool, _ message: String) throws(SettingsError) {
            if !condition { throw SettingsError(message) }
        }
        try require(!host.isEmpty, "host must not be empty")
        try require((0...65_535).contains(port), "port must be 0 to 65535, not \(port)")
        try require(!data.isEmpty, "data must not be empty")
        try require((1...256).contains(workers), "workers must be 1 to 256, not \(workers)")
        try require((1...100_000).contains(queueCapacity), "queue_capacity must be 1 to 100000")
        try require(maxBodyBytes >= 1024, "max_body_bytes must be at least 1024, not \(maxBodyBytes)")
        try require((1...10_000).contains(maxTopK), "max_top_k must be 1 to 10000, not \(maxTopK)")
        try require((0...65_536).contains(searchCacheMiB), "search_cache_mib must be 0 to 65536")
        try require((0...65_536).contains(thumbnailCacheMiB), "thumbnail_cache_mib must be 0 to 65536")
        try require(
            (1...86_400).contains(idleTimeoutSeconds),
            "idle_timeout_seconds must be 1 to 86400, not \(idleTimeoutSeconds)")
        try require(
            (0...86_400).contains(shutdownGraceSeconds),
            "shutdown_grace_seconds must be 0 to 86400, not \(shutdownGraceSeconds)")
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

    /// The settings as `key=value (source)` pairs for the start-up log.
    /// Nothing here is secret: keys live hashed in the database.
    public var logMetadata: [String: String] {
        let values: [String: String] = [
            "host": host, "port": "\(port)", "data": data, "models": models ?? "(setup cache)",
            "detector": pipelineModels.detector.rawValue, "embedder": pipelineModels.embedder.rawValue,
            "workers": "\(workers)", "queue_capacity": "\(queueCapacity)",
            "max_body_bytes": "\(maxBodyBytes)",
            "max_top_k": "\(maxTopK)", "auth": authentication.rawValue,
            "allow_unauthenticated_remote": "\(allowUnauthenticatedRemote)",
            "metrics_require_key": "\(metricsRequireKey)",
            "cors_origins": corsOrigins.isEmpty ? "(off)" : corsOrigins.joined(separator: ","),
            "search_cache_mib": "\(searchCacheMiB)",
            "thumbnail_cache_mib": "\(thumbnailCacheMiB)",
            "idle_timeout_seconds": "\(idleTimeoutSeconds)",
            "shutdown_grace_seconds": "\(shutdownGraceSeconds)",
            "milvus": milvus.map { "\($0)" } ?? "(off: vectors in process)",
        ]
        return Dictionary(
            uniqueKeysWithValues: values.map { key, value in
                (key, "\(value) (\(sources[key, default: .default].rawValue))")
            })
    }
}

/// A setting that is malformed or out of range; the message names it.
public struct SettingsError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, for people.
    public let description: String

    init(_ description: String) { self.description = description }
}
