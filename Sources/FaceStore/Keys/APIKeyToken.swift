/// The text of an API key, `fsk_<id>_<secret>`: a 16-hex-digit id that
/// names the stored row and a 64-hex-digit secret (32 random bytes) of which
/// the store keeps only the SHA-256.
public struct APIKeyToken: Sendable, Equatable {
    /// The key's id, the public half.
    public var id: String
    /// The secret half.
    public var secret: String

    /// The key as clients send it.
    public var text: String { "fsk_\(id)_\(secret)" }

    /// Splits a key sent by a client; nil when it does not have the shape.
    public init?(_ text: String) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "fsk", Self.isHex(parts[1], count: 16),
            Self.isHex(parts[2], count: 64)
        else { return nil }
        id = String(parts[1])
        secret = String(parts[2])
    }

    /// A fresh key from the system's secure random number generator.
    static func random() -> APIKeyToken {
        var generator = SystemRandomNumberGenerator()
        let id = hex((0..<8).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        let secret = hex((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        guard let token = APIKeyToken("fsk_\(id)_\(secret)") else { preconditionFailure("bad key shape") }
        return token
    }

    /// The hash the store keeps: the hex SHA-256 of the secret.
    var secretHash: String { ContentDigest.hex(Array(secret.utf8)) }

    /// Compares two hashes in time that depends only on their lengths, so a
    /// client cannot learn a stored hash byte by byte from response times.
    static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    private static func isHex(_ text: Substring, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(
            decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }
}
