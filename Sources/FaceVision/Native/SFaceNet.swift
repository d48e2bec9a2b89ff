import COpenCVShim

/// SFace (2021dec), run by OpenCV's dnn module: maps a 112 x 112 chip aligned
/// on five landmarks to a 128-D descriptor compared by cosine similarity.
///
/// Not thread-safe: the network holds its activations. Each worker owns its own
/// (about 37 MiB of weights).
final class SFaceNet {
    private let handle: OpaquePointer

    /// The chip's side in pixels.
    static let chipSide = Int(FSO_SFACE_CHIP_SIZE)

    /// Loads the network at `modelPath`, its convolutions run by `layers`.
    init(modelPath: String, layers: PipelineConfiguration.ConvolutionLayers) throws(FaceVisionError) {
        handle = try loadModel(at: modelPath) { fso_sface_load($0, layers.native, $1) }
    }

    deinit { fso_sface_destroy(handle) }

    /// One descriptor per chip, computed in one batch.
    func descriptors(of chips: [FaceChip]) throws(FaceVisionError) -> [FaceDescriptor] {
        guard !chips.isEmpty else { return [] }
        let length = Int(FSO_SFACE_LENGTH)
        var input = [UInt8]()
        input.reserveCapacity(chips.count * Self.chipSide * Self.chipSide * 3)
        for chip in chips {
            guard chip.side == Self.chipSide else {
                throw .invalidConfiguration("SFace takes \(Self.chipSide)-pixel chips, not \(chip.side)")
            }
            input.append(contentsOf: chip.pixels)
        }
        var output = [Float](repeating: 0, count: chips.count * length)
        try output.withUnsafeMutableBufferPointer { (out) throws(FaceVisionError) in
            try nativeCall { fso_sface_describe(handle, input, Int32(chips.count), out.baseAddress, $0) }
        }
        return (0..<chips.count).map { FaceDescriptor(Array(output[$0 * length..<($0 + 1) * length])) }
    }
}

extension RGBImage {
    /// SFace's aligned chip for YuNet's five landmarks (10 floats).
    func sfaceChip(landmarks: [Float]) throws(FaceVisionError) -> FaceChip {
        precondition(landmarks.count == 10, "SFace aligns on five landmarks")
        let side = SFaceNet.chipSide
        var out = [UInt8](repeating: 0, count: side * side * 3)
        try withNativeView { (view) throws(FaceVisionError) in
            try out.withUnsafeMutableBufferPointer { (buffer) throws(FaceVisionError) in
                try nativeCall { fso_sface_align(view, landmarks, buffer.baseAddress, $0) }
            }
        }
        return FaceChip(side: side, pixels: out)
    }
}
