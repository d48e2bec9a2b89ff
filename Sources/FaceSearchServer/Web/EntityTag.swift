/// An HTTP entity tag (RFC 9110 §8.8.3) and the `If-None-Match` test of
/// §13.1.2, which compares weakly: `W/"x"` matches `"x"`.
struct EntityTag: Sendable, Equatable {
    /// The tag's characters, without quotes.
    let opaque: String
    /// Whether the tag is weak (`W/"..."`).
    var weak = false

    /// The header form: `"opaque"` or `W/"opaque"`.
    var header: String { (weak ? "W/" : "") + "\"" + opaque + "\"" }

    /// Whether `If-None-Match` field values name this tag: `*`, or a list
    /// holding it in either form. The values may be repeated header lines;
    /// an unparsable value matches nothing, so the full answer is sent.
    func isNamed(byIfNoneMatch values: [String]) -> Bool {
        values.contains { value in
            guard let tags = Self.list(value) else { return false }
            return tags.contains { $0 == nil || $0?.opaque == opaque }
        }
    }

    /// The tags of one field value (nil stands for `*`), or nil when it is
    /// not a list of entity tags. Commas may occur inside a tag.
    static func list(_ value: String) -> [EntityTag?]? {
        var tags: [EntityTag?] = []
        var rest = Substring(value)
        while true {
            rest = rest.drop { $0 == " " || $0 == "\t" || $0 == "," }
            guard !rest.isEmpty else { return tags }
            if rest.first == "*" {
                tags.append(nil)
                rest = rest.dropFirst()
                continue
            }
            let weak = rest.hasPrefix("W/")
            if weak { rest = rest.dropFirst(2) }
            guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else { return nil }
            let opaque = rest[rest.index(after: rest.startIndex)..<close]
            guard
                opaque.unicodeScalars.allSatisfy({ $0.value == 0x21 || $0.value >= 0x23 && $0.value != 0x7F })
            else { return nil }
            tags.append(EntityTag(opaque: String(opaque), weak: weak))
            rest = rest[rest.index(after: close)...]
        }
    }
}
