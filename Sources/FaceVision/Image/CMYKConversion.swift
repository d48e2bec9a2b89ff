/// Turns the four-channel output of a CMYK or YCCK JPEG into RGB.
///
/// Adobe applications, which write nearly all CMYK JPEGs, store the channels
/// inverted (0 means full ink). Pillow assumes that convention for every CMYK
/// JPEG and then converts with integer arithmetic; this reproduces its
/// arithmetic exactly, so the pixels match what face_recognition sees:
///
///     nk = 255 - k = stored K
///     R  = nk - round(c * nk / 255), with c = 255 - stored C
///
/// which is stored C * stored K / 255, give or take Pillow's rounding.
enum CMYKConversion {
    /// Converts interleaved stored CMYK bytes (as TurboJPEG returns them for
    /// `TJPF_CMYK`) to interleaved RGB.
    static func rgb(fromInvertedCMYK cmyk: [UInt8]) -> [UInt8] {
        let pixelCount = cmyk.count / 4
        return [UInt8](unsafeUninitializedCapacity: pixelCount * 3) { rgb, count in
            cmyk.withUnsafeBufferPointer { cmyk in
                for pixel in 0..<pixelCount {
                    let notBlack = Int(cmyk[pixel * 4 + 3])
                    for channel in 0..<3 {
                        let ink = 255 - Int(cmyk[pixel * 4 + channel])
                        rgb[pixel * 3 + channel] = UInt8(clamping: notBlack - mulDiv255(ink, notBlack))
                    }
                }
            }
            count = pixelCount * 3
        }
    }

    /// `round(a * b / 255)` for bytes, computed the way Pillow's MULDIV255
    /// macro does it.
    @inline(__always)
    static func mulDiv255(_ a: Int, _ b: Int) -> Int {
        let product = a * b + 128
        return ((product >> 8) + product) >> 8
    }
}
