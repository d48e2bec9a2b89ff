import Crypto
import VectorIndex

/// What a Milvus collection holds of a face's label and metadata: digests,
/// never the text.
///
/// Filters then compare fixed-length hexadecimal strings, which need no
/// escaping in Milvus's expression language whatever a label holds (quotes,
/// backslashes, NUL, any script), and Milvus keeps no personal data beside the
/// vectors: the store keeps the text. A digest is the first 16 bytes of the
/// SHA-256 of a tagged text (`label:`, `key:`, `value:`, `tag:`), as 32
/// lowercase hex digits.
///
/// Metadata is an Array of VarChar, one digest per key and value, which a
/// filter tests with `array_contains`: Milvus 2.3 evaluates that several
/// times faster than a lookup in a JSON field (docs/SCALING.md, Capacity).
enum AttributeDigest {
    /// The `label` column of a face without a label.
    static let noLabel = ""

    /// The most metadata entries a row can carry (Milvus's largest Array capacity).
    static let maxTags = 4096

    /// The `label` column of a face labelled `label`.
    static func label(_ label: String?) -> String {
        label.map { digest("label:" + $0) } ?? noLabel
    }

    /// The `tags` column: one digest per metadata key and value, sorted.
    static func tags(_ metadata: [String: String]) -> [String] {
        metadata.map { tag(key: $0.key, value: $0.value) }.sorted()
    }

    /// The digest of one key and value. Both parts are digests of a fixed
    /// length first, so no key and value pair can stand for another.
    private static func tag(key: String, value: String) -> String {
        digest("tag:" + digest("key:" + key) + digest("value:" + value))
    }

    /// The boolean expression a search or query passes as its filter, or ""
    /// when `filter` admits everything.
    static func expression(for filter: IndexFilter) -> String {
        var terms: [String] = []
        if let label = filter.label { terms.append("label == \"\(self.label(label))\"") }
        for (key, value) in filter.metadata.sorted(by: { $0.key < $1.key }) {
            terms.append("array_contains(tags, \"\(tag(key: key, value: value))\")")
        }
        if !filter.excludedIDs.isEmpty {
            terms.append("id not in [\(filter.excludedIDs.sorted().map(String.init).joined(separator: ","))]")
        }
        return terms.joined(separator: " && ")
    }

    private static func digest(_ text: String) -> String {
        let bytes = SHA256.hash(data: Array(text.utf8)).prefix(16)
        return bytes.map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
