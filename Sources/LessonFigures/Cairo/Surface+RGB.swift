extension Surface {
    /// The pixels of a PNG surface as straight 8-bit RGB, 3 bytes per pixel, row by row
    /// (premultiplied samples divided by alpha; a fully transparent pixel reads as white).
    public func rgb() -> (width: Int, height: Int, bytes: [UInt8]) {
        let (w, h, argb) = pixels()
        var bytes = [UInt8](repeating: 0, count: w * h * 3)
        for (i, pixel) in argb.enumerated() {
            let alpha = pixel >> 24
            var r = (pixel >> 16) & 0xFF, g = (pixel >> 8) & 0xFF, b = pixel & 0xFF
            if alpha == 0 {
                (r, g, b) = (255, 255, 255)
            } else if alpha < 255 {
                r = min(255, (r * 255 + alpha / 2) / alpha)
                g = min(255, (g * 255 + alpha / 2) / alpha)
                b = min(255, (b * 255 + alpha / 2) / alpha)
            }
            bytes[i * 3] = UInt8(r); bytes[i * 3 + 1] = UInt8(g); bytes[i * 3 + 2] = UInt8(b)
        }
        return (w, h, bytes)
    }
}
