import Foundation

/// Descriptors as stored: a BLOB of little-endian IEEE 754 Float32 values,
/// 4 bytes each, so the file reads the same on any machine and every bit
/// (including the sign of zero) survives the round trip.
enum DescriptorCoding {
    /// The BLOB of `values`.
    static func blob(_ values: [Float]) -> Data {
        var data = Data(count: values.count * 4)
        data.withUnsafeMutableBytes { raw in
            for (index, value) in values.enumerated() {
                raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
            }
        }
        return data
    }

    /// The values of a stored BLOB; a length that is not a multiple of 4 is a corrupt row.
    static func values(_ blob: Data, faceID: Int64) throws(FaceStoreError) -> [Float] {
        guard blob.count.isMultiple(of: 4) else {
            throw .corruptRow("the descriptor of face \(faceID) is \(blob.count) bytes, not a multiple of 4")
        }
        let count = blob.count / 4
        return blob.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let bits = raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                    buffer[index] = Float(bitPattern: UInt32(littleEndian: bits))
                }
                initialized = count
            }
        }
    }
}
