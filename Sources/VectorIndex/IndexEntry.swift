/// What an index stores beside a vector so that searches can be filtered:
/// the person's label and free-form key/value pairs.
///
/// The exact index interns labels and metadata combinations to small integers
/// for the index's lifetime (until `removeAll()`), so both are meant for values
/// shared by many faces (a person, a collection, a camera); keep per-face data
/// such as file paths in the store instead.
public struct IndexAttributes: Sendable, Hashable {
    /// The person this face is labelled as, if any.
    public var label: String?
    /// Key/value pairs a filter can require.
    public var metadata: [String: String]

    /// Attributes with an optional label and metadata.
    public init(label: String? = nil, metadata: [String: String] = [:]) {
        self.label = label
        self.metadata = metadata
    }
}

/// One face to add to an index: its id, its descriptor and its attributes.
public struct IndexEntry: Sendable {
    /// The face's id (the store's primary key).
    public var id: Int64
    /// The descriptor, exactly `dimension` finite values.
    public var vector: [Float]
    /// Label and metadata that filters can match.
    public var attributes: IndexAttributes

    /// An entry with attributes.
    public init(id: Int64, vector: [Float], attributes: IndexAttributes = IndexAttributes()) {
        self.id = id
        self.vector = vector
        self.attributes = attributes
    }

    /// An entry with a label and metadata.
    public init(id: Int64, vector: [Float], label: String?, metadata: [String: String] = [:]) {
        self.init(id: id, vector: vector, attributes: IndexAttributes(label: label, metadata: metadata))
    }
}
