import COpenCVShim

/// YuNet (2023mar), a small convolutional face detector run by OpenCV's dnn
/// module: about 20 ms for 640 x 400 pixels on one core here, against 70-165 ms
/// for dlib's HOG-then-CNN, and it places five landmarks as it goes.
///
/// Not thread-safe: the network holds its activations. Each worker owns its own.
final class YuNetDetector {
    private let handle: OpaquePointer

    /// Loads the network at `modelPath`, its convolutions run by `layers`.
    init(modelPath: String, layers: PipelineConfiguration.ConvolutionLayers) throws(FaceVisionError) {
        handle = try loadModel(at: modelPath) { fso_yunet_load($0, layers.native, $1) }
    }

    deinit { fso_yunet_destroy(handle) }

    /// A face YuNet found: its box and five landmarks in the searched image's
    /// pixels, in YuNet's order (the subject's right eye, left eye, nose tip,
    /// right and left mouth corners), and its score from 0 to 1.
    struct Detection {
        var box: DetectedBox
        var landmarks: [Float]
    }

    /// Faces in `image` scoring at least `threshold`, after non-maximum
    /// suppression at `overlap` (intersection over union), best first.
    func detect(in image: RGBImage, threshold: Double, overlap: Double) throws(FaceVisionError) -> [Detection]
    {
        var capacity = 64
        while true {
            var buffer = [fso_face](repeating: fso_face(), count: capacity)
            var count: Int32 = 0
            try image.withNativeView { (view) throws(FaceVisionError) in
                try buffer.withUnsafeMutableBufferPointer { (out) throws(FaceVisionError) in
                    try nativeCall {
                        fso_yunet_detect(
                            handle, view, Float(threshold), Float(overlap), out.baseAddress, Int32(capacity),
                            &count, $0)
                    }
                }
            }
            if Int(count) <= capacity { return buffer.prefix(Int(count)).map(Self.detection) }
            capacity = Int(count)
        }
    }

    private static func detection(_ face: fso_face) -> Detection {
        let landmarks = withUnsafeBytes(of: face.landmarks) { Array($0.bindMemory(to: Float.self)) }
        let left = Int(face.left.rounded(.down))
        let top = Int(face.top.rounded(.down))
        return Detection(
            box: DetectedBox(
                left: left, top: top, right: Int((face.left + face.width).rounded(.up)) - 1,
                bottom: Int((face.top + face.height).rounded(.up)) - 1, confidence: Double(face.score)),
            landmarks: landmarks)
    }
}
