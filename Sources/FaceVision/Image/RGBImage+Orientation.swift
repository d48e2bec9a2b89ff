extension RGBImage {
    /// The image as it should be shown, given that it was stored with
    /// `orientation`: the transform named on each ``ImageOrientation`` case.
    ///
    /// Every orientation is a linear map of pixel indices: the source pixel
    /// (x, y) lands at `origin + x * xStep + y * yStep` in the output, so one
    /// loop handles all eight.
    public func applying(_ orientation: ImageOrientation) -> RGBImage {
        guard orientation != .up else { return self }
        let (w, h) = (width, height)
        let (origin, xStep, yStep): (Int, Int, Int)
        switch orientation {
        case .up: (origin, xStep, yStep) = (0, 1, w)
        case .upMirrored: (origin, xStep, yStep) = (w - 1, -1, w)
        case .down: (origin, xStep, yStep) = ((h - 1) * w + w - 1, -1, -w)
        case .downMirrored: (origin, xStep, yStep) = ((h - 1) * w, 1, -w)
        case .leftMirrored: (origin, xStep, yStep) = (0, h, 1)
        case .right: (origin, xStep, yStep) = (h - 1, h, -1)
        case .rightMirrored: (origin, xStep, yStep) = ((w - 1) * h + h - 1, -h, -1)
        case .left: (origin, xStep, yStep) = ((w - 1) * h, -h, 1)
        }
        let output = [UInt8](unsafeUninitializedCapacity: pixels.count) { output, count in
            pixels.withUnsafeBufferPointer { input in
                for y in 0..<h {
                    let rowOrigin = origin + y * yStep
                    for x in 0..<w {
                        let source = (y * w + x) * 3
                        let target = (rowOrigin + x * xStep) * 3
                        output[target] = input[source]
                        output[target + 1] = input[source + 1]
                        output[target + 2] = input[source + 2]
                    }
                }
            }
            count = pixels.count
        }
        return orientation.swapsDimensions
            ? RGBImage(width: h, height: w, pixels: output) : RGBImage(width: w, height: h, pixels: output)
    }
}
