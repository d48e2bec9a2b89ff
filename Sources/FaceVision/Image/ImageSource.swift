/// One compressed image, its headers already read, ready to be decoded.
///
/// Each format conforms once (``JPEGSource``, ``PNGSource``, ``WebPSource``);
/// ``ImageDecoder`` does the checks common to all of them between reading the
/// headers and decoding the pixels.
protocol ImageSource {
    /// Reads the headers of `bytes`, which carry this format's signature,
    /// without allocating anything proportional to the pixel count.
    init(_ bytes: [UInt8]) throws(ImageDecodingError)

    /// What the headers say.
    var info: ImageInfo { get }

    /// Decodes the pixels as stored (orientation not yet applied).
    ///
    /// - Parameter minimumSide: when the format can decode at a reduced size
    ///   cheaply, the smallest acceptable longest side; `nil` for full size.
    /// - Returns: the pixels and the scale factor they were decoded at.
    func decodePixels(minimumSide: Int?) throws(ImageDecodingError) -> (image: RGBImage, scale: Double)
}
