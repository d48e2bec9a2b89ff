import Crypto

/// SHA-256 in lower-case hex: the content address of a stored photo, and the
/// hash of an API key's secret. swift-crypto runs BoringSSL's assembly (with
/// the SHA extensions where the processor has them); the figures against the
/// hand-written Swift it replaced are in docs/BENCHMARKS.md.
enum ContentDigest {
    /// The 64 lower-case hex digits of the SHA-256 of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digest = SHA256.hash(data: bytes)
        let digits = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 64) { text in
            var index = 0
            for byte in digest {
                text[index] = digits[Int(byte >> 4)]
                text[index + 1] = digits[Int(byte & 15)]
                index += 2
            }
            return 64
        }
    }
}
