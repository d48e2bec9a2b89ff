extension DecodedImage {
    /// Width of the upright photo at full size: the frame results are reported in.
    var orientedWidth: Int { orientation.swapsDimensions ? storedHeight : storedWidth }
    /// Height of the upright photo at full size.
    var orientedHeight: Int { orientation.swapsDimensions ? storedWidth : storedHeight }
}
