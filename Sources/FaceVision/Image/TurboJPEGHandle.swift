import CTurboJPEG

/// Owns one TurboJPEG compressor or decompressor instance and destroys it.
///
/// A handle keeps per-image state and error text, so it is never shared:
/// every encode or decode creates its own (which costs a few microseconds),
/// and the type is deliberately not `Sendable`.
final class TurboJPEGHandle {
    /// The native instance; valid until `deinit`.
    let raw: tjhandle

    /// What the instance is for.
    enum Role {
        /// JPEG to pixels.
        case decompress
        /// Pixels to JPEG.
        case compress
    }

    /// Creates an instance for `role`.
    init(_ role: Role) {
        let handle =
            switch role {
            case .decompress: tjInitDecompress()
            case .compress: tjInitCompress()
            }
        // Creation only fails when malloc of a few kilobytes fails; there is
        // nothing sensible left to do then.
        guard let handle else { fatalError("TurboJPEG could not allocate an instance") }
        raw = handle
    }

    deinit {
        tjDestroy(raw)
    }

    /// The message of the last failed call on this instance.
    var lastErrorMessage: String {
        guard let message = tjGetErrorStr2(raw) else { return "unknown TurboJPEG error" }
        return String(cString: message)
    }

    /// Whether the last failure was a libjpeg warning, after which the output
    /// is complete (libjpeg recovered), rather than a fatal error.
    var lastErrorIsWarning: Bool {
        tjGetErrorCode(raw) == Int32(TJERR_WARNING.rawValue)
    }
}
