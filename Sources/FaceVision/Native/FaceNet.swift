import CDlibShim

/// dlib's ResNet that maps an aligned 150x150 face chip to a 128-D descriptor.
///
/// Not thread-safe: a net shared by two threads silently returns wrong
/// descriptors (measured). Each worker owns its own (about 22 MiB of weights).
final class FaceNet {
    private let handle: OpaquePointer

    init(modelPath: String) throws(FaceVisionError) {
        handle = try loadModel(at: modelPath, fsd_face_net_load)
    }

    deinit { fsd_face_net_destroy(handle) }

    /// One descriptor per chip, computed in one call (mini-batches of 16).
    func descriptors(of chips: [FaceChip], jitters: Int) throws(FaceVisionError) -> [FaceDescriptor] {
        guard !chips.isEmpty else { return [] }
        let length = FaceDescriptor.length
        var input = [UInt8]()
        input.reserveCapacity(chips.count * FaceChip.dlibSide * FaceChip.dlibSide * 3)
        for chip in chips {
            guard chip.side == FaceChip.dlibSide else {
                throw .invalidConfiguration(
                    "dlib's net takes \(FaceChip.dlibSide)-pixel chips, not \(chip.side)")
            }
            input.append(contentsOf: chip.pixels)
        }
        var output = [Float](repeating: 0, count: chips.count * length)
        try output.withUnsafeMutableBufferPointer { (out) throws(FaceVisionError) in
            try nativeCall {
                fsd_face_net_describe(handle, input, Int32(chips.count), Int32(jitters), out.baseAddress, $0)
            }
        }
        return (0..<chips.count).map { FaceDescriptor(Array(output[$0 * length..<($0 + 1) * length])) }
    }
}
