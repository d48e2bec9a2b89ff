/// Square JPEG crops of faces, made on the pipeline's threads from a stored
/// photo: what a gallery shows beside each match.
extension FacePipeline {
    /// A `side` x `side` JPEG of the face in `box` (pixels of the upright,
    /// full-size photo) with a margin of half the face's size around it,
    /// shifted inward where the photo's edge would cut it. JPEGs are decoded
    /// at the smallest scale that still gives the face `side` pixels.
    /// Runs on an inference thread and counts against the bounded queue.
    public func thumbnail(of bytes: [UInt8], box: FaceBox, side: Int = 160, quality: Int = 85)
        async throws -> [UInt8]
    {
        guard (16...1024).contains(side) else {
            throw FaceVisionError.invalidConfiguration("a thumbnail side must be 16 to 1024 pixels")
        }
        return try await pool.run { worker, _ in
            try worker.thumbnail(of: bytes, box: box, side: side, quality: quality)
        }
    }
}

extension FaceWorker {
    /// Decodes just enough of `bytes` and cuts, scales and encodes the square around `box`.
    func thumbnail(of bytes: [UInt8], box: FaceBox, side: Int, quality: Int) throws -> [UInt8] {
        let info = try decoder.probe(bytes)
        let uprightLongest = max(info.width, info.height)
        let cropSide = Double(max(box.width, box.height)) * 1.5
        let minimumSide = Int((Double(uprightLongest) * Double(side) / max(cropSide, 1)).rounded(.up))
        let decoded = try decoder.decode(bytes, minimumSide: min(minimumSide, uprightLongest))
        let image = decoded.image
        let scale = Double(image.width) / Double(decoded.orientedWidth)
        let square = Self.square(around: box, side: cropSide, scale: scale, within: image)
        let crop = image.cropped(left: square.left, top: square.top, width: square.side, height: square.side)
        return try JPEGEncoder().encode(try crop.resized(width: side, height: side), quality: quality)
    }

    /// The square of `side` (full-size pixels) centred on `box`, in the
    /// pixels of `image` (the photo scaled by `scale`), moved inside the
    /// image and shrunk when the image is smaller.
    static func square(around box: FaceBox, side: Double, scale: Double, within image: RGBImage)
        -> (left: Int, top: Int, side: Int)
    {
        let length = max(1, min(Int((side * scale).rounded()), image.width, image.height))
        let centerX = Double(box.left + box.right + 1) / 2 * scale
        let centerY = Double(box.top + box.bottom + 1) / 2 * scale
        let left = min(max(Int((centerX - Double(length) / 2).rounded()), 0), image.width - length)
        let top = min(max(Int((centerY - Double(length) / 2).rounded()), 0), image.height - length)
        return (left, top, length)
    }
}

extension RGBImage {
    /// The `width` x `height` rectangle at (`left`, `top`); the caller keeps it inside the image.
    func cropped(left: Int, top: Int, width: Int, height: Int) -> RGBImage {
        precondition(left >= 0 && top >= 0 && left + width <= self.width && top + height <= self.height)
        var out = [UInt8](repeating: 0, count: width * height * 3)
        let rowBytes = width * 3
        out.withUnsafeMutableBufferPointer { target in
            pixels.withUnsafeBufferPointer { source in
                for row in 0..<height {
                    let from = source.baseAddress! + ((top + row) * self.width + left) * 3
                    (target.baseAddress! + row * rowBytes).update(from: from, count: rowBytes)
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }
}
