/// Finds the orientation tag in an EXIF (TIFF) block.
///
/// Hand-written rather than a dependency because only one tag of IFD0 is
/// needed. Anything malformed (bad byte order mark, offsets past the end, a
/// value outside 1...8) reads as ``ImageOrientation/up``: a broken EXIF block
/// must never make an otherwise good photo undecodable.
enum EXIFOrientationReader {
    /// The EXIF orientation tag number.
    static let orientationTag = 0x0112
    /// The prefix of an EXIF APP1 segment, also found in some PNG and WebP
    /// EXIF chunks.
    static let exifPrefix: [UInt8] = Array("Exif".utf8) + [0, 0]
    /// How much of an EXIF block is looked at.
    static let maxBlockLength = 1 << 20

    /// Reads the orientation from the TIFF block in `bytes[range]`; the block
    /// may start with "Exif\0\0".
    static func orientation(in bytes: [UInt8], range: Range<Int>) -> ImageOrientation {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return .up }
        var start = range.lowerBound
        if bytes.matches(exifPrefix, at: start) {
            start += exifPrefix.count
        }
        // Offsets in a TIFF block are relative to its first byte, so parse a
        // copy: this keeps the arithmetic simple. IFD0 sits near the start in
        // practice, so a hostile multi-megabyte chunk is cut short.
        guard start < range.upperBound else { return .up }
        let block = Array(bytes[start..<min(range.upperBound, start + maxBlockLength)])
        return orientation(inTIFF: block) ?? .up
    }

    /// Reads the orientation from a TIFF block that starts at index 0.
    private static func orientation(inTIFF tiff: [UInt8]) -> ImageOrientation? {
        let littleEndian: Bool
        if tiff.matches([0x49, 0x49, 0x2A, 0x00], at: 0) {
            littleEndian = true
        } else if tiff.matches([0x4D, 0x4D, 0x00, 0x2A], at: 0) {
            littleEndian = false
        } else {
            return nil
        }
        func u16(_ offset: Int) -> Int? {
            littleEndian ? tiff.uint16LittleEndian(at: offset) : tiff.uint16BigEndian(at: offset)
        }
        func u32(_ offset: Int) -> Int? {
            littleEndian ? tiff.uint32LittleEndian(at: offset) : tiff.uint32BigEndian(at: offset)
        }
        guard let ifd = u32(4), let entryCount = u16(ifd) else { return nil }
        for index in 0..<entryCount {
            let entry = ifd + 2 + index * 12
            guard let tag = u16(entry), let type = u16(entry + 2) else { return nil }
            guard tag == orientationTag else { continue }
            // SHORT is what the standard prescribes; LONG shows up in the wild.
            let value: Int?
            switch type {
            case 3: value = u16(entry + 8)
            case 4: value = u32(entry + 8)
            default: value = nil
            }
            return value.flatMap(ImageOrientation.init(rawValue:))
        }
        return nil
    }
}
