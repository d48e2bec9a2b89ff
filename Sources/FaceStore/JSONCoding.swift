import Foundation

/// The project's one JSON configuration: sorted keys (stable to read and to
/// diff), slashes unescaped (URLs stay readable), ISO 8601 dates. Every
/// layer encodes and decodes with these instances; JSONEncoder and
/// JSONDecoder may be shared between threads once configured.
public enum JSONCoding {
    /// One line per value: API answers, stored JSON, WebSocket messages.
    public static let compact: JSONEncoder = encoder(pretty: false)
    /// Indented: what the CLI prints or writes for people to read.
    public static let pretty: JSONEncoder = encoder(pretty: true)
    /// The decoder of every JSON input.
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// `value` as compact JSON text.
    public static func text(_ value: some Encodable) throws -> String {
        String(decoding: try compact.encode(value), as: UTF8.self)
    }

    private static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty
            ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}
