import CDlibShim

/// dlib's landmark predictor (5 points here: the eye corners and the base of
/// the nose), loaded once and shared by all workers.
///
/// `@unchecked Sendable`: dlib's `shape_predictor::operator()` is const and
/// keeps no scratch state, so concurrent predictions on one instance are safe.
final class ShapePredictor: @unchecked Sendable {
    private let handle: OpaquePointer
    /// How many landmarks each prediction places.
    let partCount: Int

    init(modelPath: String) throws(FaceVisionError) {
        handle = try loadModel(at: modelPath, fsd_shape_predictor_load)
        partCount = Int(fsd_shape_predictor_parts(handle))
    }

    deinit { fsd_shape_predictor_destroy(handle) }

    /// The landmarks of the face inside `box`, in `image`'s coordinates.
    func landmarks(in image: RGBImage, box: DetectedBox) throws(FaceVisionError) -> [Point] {
        var points = [fsd_point](repeating: fsd_point(), count: partCount)
        var native = box.native
        try image.withNativeView { (view) throws(FaceVisionError) in
            try points.withUnsafeMutableBufferPointer { (out) throws(FaceVisionError) in
                try nativeCall { fsd_shape_predict(handle, view, &native, out.baseAddress, $0) }
            }
        }
        return points.map { Point(x: Int($0.x), y: Int($0.y)) }
    }
}
