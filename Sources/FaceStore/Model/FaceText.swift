import Foundation

/// The rule for the text that names a person or a record (labels and
/// external ids), applied wherever such text enters: stored with a face or a
/// photo, or used to select faces (list, delete, search).
///
/// One rule for both sides matters: SQLite compares bytes and cuts bound text
/// at the first NUL, so text stored one way and asked for another would
/// silently select the wrong faces. Text is therefore:
/// - normalised to Unicode NFC, so `é` typed precomposed or decomposed is one label;
/// - refused (``FaceStoreError/invalidText(field:reason:)``) when empty or
///   only whitespace, longer than ``maxLength`` code points, or holding a
///   control character (Unicode category Cc: NUL, tab, newline, DEL, C1),
///   a line or paragraph separator, or U+FFFD, which stands for bytes that
///   were not UTF-8.
public enum FaceText {
    /// Which text a value is, for error messages and codes.
    public enum Field: String, Sendable {
        /// A face's label (`label`).
        case label
        /// A photo's and its faces' external id (`external_id`).
        case externalID = "external_id"
    }

    /// The most Unicode code points a label or external id may hold, after NFC.
    public static let maxLength = 256

    /// `text` in NFC, or an ``FaceStoreError/invalidText(field:reason:)`` error.
    public static func normalized(_ text: String, as field: Field) throws(FaceStoreError) -> String {
        let normalized = text.precomposedStringWithCanonicalMapping
        let scalars = normalized.unicodeScalars
        guard scalars.contains(where: { !$0.properties.isWhitespace }) else {
            throw .invalidText(field: field.rawValue, reason: "must not be empty or only whitespace")
        }
        guard scalars.count <= maxLength else {
            throw .invalidText(
                field: field.rawValue,
                reason: "must be at most \(maxLength) characters, not \(scalars.count)")
        }
        if let refused = scalars.first(where: isRefused) {
            let code = "U+" + String(refused.value, radix: 16, uppercase: true).leftPadded(to: 4)
            throw .invalidText(
                field: field.rawValue,
                reason: "must not hold control characters, line separators or U+FFFD (found \(code))")
        }
        return normalized
    }

    /// `text` normalised when present; nil stays nil.
    public static func normalized(ifPresent text: String?, as field: Field) throws(FaceStoreError)
        -> String?
    {
        guard let text else { return nil }
        return try normalized(text, as: field)
    }

    private static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        default: scalar == "\u{FFFD}"
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
