extension RGBImage {
    /// This image inside a black border `margin` pixels wide on every side, so
    /// that a detector window can reach past the edge of the photo and find
    /// faces the frame cuts off.
    func padded(by margin: Int) -> RGBImage {
        guard margin > 0 else { return self }
        let paddedWidth = width + 2 * margin
        let paddedHeight = height + 2 * margin
        var out = [UInt8](repeating: 0, count: paddedWidth * paddedHeight * 3)
        let rowBytes = width * 3
        out.withUnsafeMutableBufferPointer { target in
            pixels.withUnsafeBufferPointer { source in
                for row in 0..<height {
                    let from = source.baseAddress! + row * rowBytes
                    let to = target.baseAddress! + ((row + margin) * paddedWidth + margin) * 3
                    to.update(from: from, count: rowBytes)
                }
            }
        }
        return RGBImage(width: paddedWidth, height: paddedHeight, pixels: out)
    }
}
