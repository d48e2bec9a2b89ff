/// The body of `PATCH /v1/collections/{name}`: `{"index": {"ef": 128}}`.
///
/// Only HNSW's search width can change on a live collection: `m` and
/// `ef_construction` shape the graph, and the models and metric shape every
/// stored descriptor, so naming any of them is an `invalid_argument` that
/// says so, rather than a change silently ignored.
struct CollectionChange: Decodable {
    /// The new `ef`.
    let ef: Int

    init(from decoder: any Decoder) throws {
        let body = try decoder.container(keyedBy: AnyKey.self)
        if let other = body.allKeys.first(where: { $0.stringValue != "index" }) {
            throw Self.unchangeable(other.stringValue)
        }
        guard let indexKey = body.allKeys.first else {
            throw APIError.invalidArgument(#"nothing to change: send {"index": {"ef": N}}"#)
        }
        let index = try body.nestedContainer(keyedBy: AnyKey.self, forKey: indexKey)
        if let other = index.allKeys.first(where: { $0.stringValue != "ef" }) {
            throw Self.unchangeable("index.\(other.stringValue)")
        }
        guard let efKey = index.allKeys.first else {
            throw APIError.invalidArgument(#"nothing to change: send {"index": {"ef": N}}"#)
        }
        ef = try index.decode(Int.self, forKey: efKey)
    }

    private static func unchangeable(_ member: String) -> APIError {
        APIError.invalidArgument(
            "\(member) cannot change on an existing collection; only index.ef can (the graph's m and "
                + "ef_construction, the metric and the models shape what is stored: create a collection, "
                + "or re-embed, instead)")
    }

    /// Any member name, so that unknown ones can be named in the error.
    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
