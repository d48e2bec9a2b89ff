// The web page file icon.svg, served by WebController: edit it here, there is no build step.
extension WebAsset {
    /// The icon.
    static let iconSVG = #"""
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1d5fd1"/><circle cx="16" cy="14" r="6.5" fill="none" stroke="#fff" stroke-width="2.4"/><path d="M6 27c2-5 6-7 10-7s8 2 10 7" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/><path d="M3 9V4h5M29 9V4h-5M3 23v5h5M29 23v5h-5" fill="none" stroke="#ffd400" stroke-width="2"/></svg>
        """#
}
