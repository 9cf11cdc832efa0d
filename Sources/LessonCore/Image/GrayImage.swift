/// Turning decoded pixels into the gray values a filter lesson convolves.
public enum GrayImage {
    /// The gray value of an RGBA pixel: luma Y = 0.299·R + 0.587·G + 0.114·B (ITU-R BT.601),
    /// after compositing a transparent pixel over white (each channel v·α/255 + 255·(1 − α/255)),
    /// rounded to the nearest whole number 0…255, a half up. A gray pixel (R = G = B) keeps its value.
    ///
    /// Worked in whole numbers, so a Y that is exactly a half rounds up: in binary floating point
    /// 0.299·90 + 0.587·136 + 0.114·147 = 123.5 comes out as 123.49999999999999 and would round down.
    /// Y·255000 = Σ c·(v·α + 255·(255 − α)) with c = 299, 587, 114, at most 65,025,000.
    public static func luma(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) -> Double {
        let a = Int(alpha)
        func over(_ v: UInt8) -> Int { Int(v) * a + 255 * (255 - a) }
        let scaled = 299 * over(red) + 587 * over(green) + 114 * over(blue)
        return Double((scaled + 127_500) / 255_000)
    }

    /// A height × width matrix of gray values from 8-bit RGBA bytes, row by row.
    public static func fromRGBA(_ bytes: [UInt8], width: Int, height: Int) -> Tensor {
        precondition(bytes.count == width * height * 4, "RGBA bytes for \(width)×\(height) must be \(width * height * 4), got \(bytes.count)")
        var scalars: [Double] = []
        scalars.reserveCapacity(width * height)
        for p in 0..<(width * height) {
            let i = 4 * p
            let (r, g, b, a) = (bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3])
            scalars.append(luma(red: r, green: g, blue: b, alpha: a))
        }
        return Tensor(shape: [height, width], scalars: scalars)
    }

    /// Whether every pixel has R = G = B and is opaque (a gray picture, read as it is); with
    /// `ignoringAlpha`, only R = G = B (gray levels, perhaps transparent).
    public static func isGray(_ bytes: [UInt8], ignoringAlpha: Bool = false) -> Bool {
        stride(from: 0, to: bytes.count, by: 4).allSatisfy { (i: Int) -> Bool in
            let red = bytes[i]
            return red == bytes[i + 1] && red == bytes[i + 2] && (ignoringAlpha || bytes[i + 3] == 255)
        }
    }
}
