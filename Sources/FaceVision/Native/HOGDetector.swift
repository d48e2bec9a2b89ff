import CDlibShim

/// dlib's HOG frontal face detector.
///
/// Not thread-safe: dlib's detector keeps scratch state, and sharing one
/// between threads corrupts the heap (measured). Each worker owns its own.
final class HOGDetector {
    private let handle: OpaquePointer

    init() throws(FaceVisionError) {
        var error = fsd_error()
        guard let handle = fsd_hog_detector_create(&error) else {
            throw .native(message(of: error))
        }
        self.handle = handle
    }

    deinit { fsd_hog_detector_destroy(handle) }

    /// Faces in `image` after `upsample` doublings, in `image`'s coordinates.
    func detect(in image: RGBImage, upsample: Int) throws(FaceVisionError) -> [DetectedBox] {
        try image.withNativeView { (view) throws(FaceVisionError) in
            try collectDetections { (out, capacity, count) throws(FaceVisionError) in
                try nativeCall { fsd_hog_detect(handle, view, Int32(upsample), 0, out, capacity, count, $0) }
            }
        }
    }
}
