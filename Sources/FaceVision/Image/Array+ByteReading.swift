// Bounds-checked integer reads for the header parsers. Every read of hostile
// input goes through these, so a lying length or offset yields `nil` instead
// of trapping on an out-of-range index.

extension Array where Element == UInt8 {
    /// The big-endian 16-bit value at `offset`, or `nil` past the end.
    func uint16BigEndian(at offset: Int) -> Int? {
        guard offset >= 0, offset <= count - 2 else { return nil }
        return Int(self[offset]) << 8 | Int(self[offset + 1])
    }

    /// The little-endian 16-bit value at `offset`, or `nil` past the end.
    func uint16LittleEndian(at offset: Int) -> Int? {
        guard offset >= 0, offset <= count - 2 else { return nil }
        return Int(self[offset + 1]) << 8 | Int(self[offset])
    }

    /// The big-endian 32-bit value at `offset`, or `nil` past the end.
    func uint32BigEndian(at offset: Int) -> Int? {
        guard let high = uint16BigEndian(at: offset), let low = uint16BigEndian(at: offset + 2) else {
            return nil
        }
        return high << 16 | low
    }

    /// The little-endian 32-bit value at `offset`, or `nil` past the end.
    func uint32LittleEndian(at offset: Int) -> Int? {
        guard let low = uint16LittleEndian(at: offset), let high = uint16LittleEndian(at: offset + 2) else {
            return nil
        }
        return high << 16 | low
    }

    /// Whether the bytes at `offset` equal `expected`; `false` past the end.
    func matches(_ expected: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, offset <= count - expected.count else { return false }
        return self[offset..<offset + expected.count].elementsEqual(expected)
    }

    /// The four bytes at `offset` as an ASCII chunk name such as "IHDR".
    func fourCC(at offset: Int) -> String? {
        guard offset >= 0, offset <= count - 4 else { return nil }
        return String(decoding: self[offset..<offset + 4], as: UTF8.self)
    }
}
