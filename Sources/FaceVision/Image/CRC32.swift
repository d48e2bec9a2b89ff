/// The CRC-32 of ISO 3309 / ITU-T V.42, as used by PNG chunks.
///
/// libpng verifies the CRC of the critical chunks itself; this checks the
/// ancillary chunks, which libpng would only warn about and skip, so that a
/// damaged file is reported as damaged whatever chunk the damage is in.
enum CRC32 {
    /// The byte-at-a-time lookup table for the reflected polynomial 0xEDB88320.
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
        }
        return value
    }

    /// The CRC of `bytes[range]`.
    static func checksum(_ bytes: [UInt8], range: Range<Int>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for index in range {
                crc = table[Int((crc ^ UInt32(bytes[index])) & 0xFF)] ^ (crc >> 8)
            }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
