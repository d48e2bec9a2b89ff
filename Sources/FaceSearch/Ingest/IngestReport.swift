/// Why one file could not be ingested.
public struct IngestFailure: Sendable, Hashable, Codable {
    /// The file.
    public var path: String
    /// A stable reason code: `no_face`, `unreadable`, `image_corrupt`,
    /// `image_truncated`, `unsupported_media_type`, `image_too_large`,
    /// `image_too_many_pixels`, `image_empty`, or another engine error code.
    public var code: String
    /// The reason in words.
    public var message: String

    /// The failure of `path`, with its code and message.
    public init(path: String, code: String, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }
}

/// Where an ingestion run stands, reported after every file.
public struct IngestProgress: Sendable {
    /// Files to go through.
    public var total: Int
    /// Files done (stored, skipped or failed).
    public var done = 0
    /// Photos stored by this run.
    public var stored = 0
    /// Photos skipped because the collection already held the same bytes.
    public var alreadyStored = 0
    /// Faces stored by this run.
    public var faces = 0
    /// Files that failed.
    public var failed = 0
    /// Seconds since the run began.
    public var elapsed = 0.0

    /// A progress report of `done` files out of `total`.
    public init(total: Int, done: Int = 0) {
        self.total = total
        self.done = done
    }
}

/// What an ingestion run did, with every failure and its reason.
public struct IngestReport: Sendable, Codable {
    /// The collection written to.
    public var collection: String
    /// Files gone through.
    public var files: Int
    /// Photos stored by this run.
    public var stored: Int
    /// Photos already in the collection (same bytes), left as they were.
    public var alreadyStored: Int
    /// Faces stored by this run.
    public var faces: Int
    /// Wall-clock seconds.
    public var seconds: Double
    /// Every file that failed, with why.
    public var failures: [IngestFailure]

    /// Files per second.
    public var filesPerSecond: Double { seconds > 0 ? Double(files) / seconds : 0 }
    /// Stored faces per second.
    public var facesPerSecond: Double { seconds > 0 ? Double(faces) / seconds : 0 }
    /// Failures counted by reason code.
    public var failuresByCode: [String: Int] { Dictionary(grouping: failures, by: \.code).mapValues(\.count) }
}
