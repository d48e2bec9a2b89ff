/// Which faces of a collection an operation applies to. Every condition set
/// must hold; an empty filter selects every face.
public struct FaceFilter: Sendable, Hashable {
    /// Only faces with this label.
    public var label: String?
    /// Only faces with this external id.
    public var externalID: String?
    /// Only the faces of this image.
    public var imageID: Int64?
    /// Only faces whose metadata has each of these top-level keys with an
    /// equal value (JSON equality: `3` and `3.0` are equal, `"3"` is not).
    /// Keys are 1 to 64 characters of `A-Z a-z 0-9 _ . -`; a dot is part of
    /// the key, not a path into nested objects.
    public var metadata: [String: JSONValue]

    /// A filter; the default selects every face.
    public init(
        label: String? = nil, externalID: String? = nil, imageID: Int64? = nil,
        metadata: [String: JSONValue] = [:]
    ) {
        self.label = label
        self.externalID = externalID
        self.imageID = imageID
        self.metadata = metadata
    }

    /// True when the filter sets no condition.
    public var isEmpty: Bool {
        label == nil && externalID == nil && imageID == nil && metadata.isEmpty
    }

    /// Throws ``FaceStoreError/invalidFilterKey(_:)`` for the first bad metadata
    /// key (in key order), and what ``normalized()`` throws for the rest.
    public func validate() throws(FaceStoreError) {
        _ = try normalized()
    }

    /// This filter as the store applies it: the label and external id in NFC
    /// (``FaceText``), after checking every part. A label or external id that
    /// breaks ``FaceText``'s rule, or a metadata string holding a NUL (which
    /// SQLite would cut), is an error rather than a filter that selects other
    /// faces.
    public func normalized() throws(FaceStoreError) -> FaceFilter {
        for key in metadata.keys.sorted() where !Self.isValidKey(key) {
            throw .invalidFilterKey(key)
        }
        for (key, value) in metadata {
            if case .string(let text) = value, text.utf8.contains(0) {
                throw .invalidInput("the metadata filter value of \(key) holds a NUL character")
            }
        }
        var normalized = self
        normalized.label = try FaceText.normalized(ifPresent: label, as: .label)
        normalized.externalID = try FaceText.normalized(ifPresent: externalID, as: .externalID)
        return normalized
    }

    /// Whether `key` is 1 to 64 characters of `A-Z a-z 0-9 _ . -`, which keeps
    /// it safe inside a quoted JSON path.
    public static func isValidKey(_ key: String) -> Bool {
        (1...64).contains(key.utf8.count)
            && key.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."),
                    UInt8(ascii: "-"):
                    true
                default:
                    false
                }
            }
    }
}
