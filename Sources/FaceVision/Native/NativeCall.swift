import CDlibShim
import COpenCVShim

/// Calls the shim and turns its -1/`fsd_error` convention into a Swift error.
@inline(__always)
func nativeCall(_ body: (UnsafeMutablePointer<fsd_error>) -> Int32) throws(FaceVisionError) {
    var error = fsd_error()
    if body(&error) != 0 {
        throw .native(message(of: error))
    }
}

/// The text of an `fsd_error`.
func message(of error: fsd_error) -> String {
    withUnsafeBytes(of: error.message) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
}

/// Loads a model through one of the shim's `_load` functions.
func loadModel(
    at path: String,
    _ load: (UnsafePointer<CChar>, UnsafeMutablePointer<fsd_error>) -> OpaquePointer?
) throws(FaceVisionError) -> OpaquePointer {
    var error = fsd_error()
    guard let handle = path.withCString({ load($0, &error) }) else {
        throw .modelInvalid(path: path, reason: message(of: error))
    }
    return handle
}

extension RGBImage {
    /// Lends the pixels to the shim as an `fsd_image` view, without copying.
    func withNativeView<T, E: Error>(_ body: (UnsafePointer<fsd_image>) throws(E) -> T) throws(E) -> T {
        let result: Result<T, E> = pixels.withUnsafeBufferPointer { buffer in
            var view = fsd_image(
                pixels: buffer.baseAddress,
                width: Int32(width),
                height: Int32(height),
                stride: Int32(width * 3)
            )
            return withUnsafePointer(to: &view) { pointer in
                do throws(E) {
                    return .success(try body(pointer))
                } catch {
                    return .failure(error)
                }
            }
        }
        return try result.get()
    }
}

extension PipelineConfiguration.ConvolutionLayers {
    /// The shim's name for this choice.
    var native: fso_layers {
        switch self {
        case .facesearch: FSO_LAYERS_FACESEARCH
        case .opencv: FSO_LAYERS_OPENCV
        }
    }
}
