import FaceVision
import TestSupport
import Testing

/// Descriptors bit-identical to dlib's Python binding: the values below were
/// printed by bench/peers/reference_descriptors.py (dlib 19.24.2 built from
/// PyPI against Debian's OpenBLAS, face_recognition 1.3.0, OPENBLAS_NUM_THREADS=1).
@Suite struct DlibPythonParityTests {
    struct Reference: Sendable, CustomTestStringConvertible {
        let photo: String
        /// face_recognition's (top, right, bottom, left).
        let box: [Int]
        /// The first four values as float32 bit patterns.
        let head: [UInt32]
        /// FNV-1a 64 of all 128 values as little-endian float32 bytes.
        let digest: UInt64
        var testDescription: String { photo }
    }

    static let references = [
        Reference(
            photo: "obama.jpg", box: [142, 617, 409, 349],
            head: [0xbdbb_41f8, 0x3e06_006e, 0x3c57_5930, 0xbd6d_1846], digest: 0xe57e_dba0_d3d5_38ac),
        Reference(
            photo: "biden.jpg", box: [241, 740, 562, 419],
            head: [0x3b0b_5980, 0x3e39_df9a, 0x3db7_26d6, 0xbcec_cda8], digest: 0x9f4b_51c3_905c_81d3),
        Reference(
            photo: "32bit.png", box: [290, 438, 558, 171],
            head: [0xbd82_a564, 0x3df0_618d, 0x3d1a_fed6, 0xbdaa_fbf7], digest: 0x8243_9b1c_9f46_f592),
        Reference(
            photo: "obama3.jpg", box: [277, 954, 598, 633],
            head: [0xbdb8_60c9, 0x3dff_cb7a, 0x3cd7_4f6c, 0xbd32_6cee], digest: 0xbac7_ec2b_07fe_b8cc),
    ]

    @Test(arguments: references)
    func descriptorsAreBitIdenticalToDlibsPythonBinding(_ reference: Reference) async throws {
        let pipeline = try SharedPipelines.pipeline()
        let photo = try await pipeline.analyze(try TestPhotos.bytes(reference.photo))
        let face = try #require(photo.faces.count == 1 ? photo.faces.first : nil)
        #expect(face.box.css == reference.box)
        let values = try #require(face.descriptor).values
        #expect(values.prefix(4).map(\.bitPattern) == reference.head)
        #expect(fnv1a64(values) == reference.digest)
    }

    private func fnv1a64(_ values: [Float]) -> UInt64 {
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes in
                for byte in bytes { digest = (digest ^ UInt64(byte)) &* 0x100_0000_01b3 }
            }
        }
        return digest
    }
}
