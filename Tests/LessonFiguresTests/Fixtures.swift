import LessonCore
import LessonFigures

/// The 5×5 example of the notes (seeds/004) as a trace, and its frames.
enum Fixtures {
    static func exampleTrace(padding: Int = 0) throws -> ConvolutionTrace {
        let input = try MatrixLiteral.parse("1 0 3 0 2; 0 3 4 0 2; 1 0 2 0 1; 8 12 0 1 0; 0 6 3 2 0")
        let kernel = try MatrixLiteral.parse("1 -1 0; 0 2 -2; -1 0 2")
        return try Conv2D(kernel: kernel, padding: Pair2(padding)).forward(input)
    }

    static func exampleFrames() throws -> [Figure] {
        let trace = try exampleTrace()
        return ConvolutionFigures.frames(trace) + [ConvolutionFigures.overview(trace)]
    }
}

/// An opaque pixel of a decoded PNG as 0xRRGGBB.
func rgb(_ image: RGBAImage, _ x: Double, _ y: Double) -> UInt32 {
    let p = image.pixel(x: Int(x), y: Int(y))
    return UInt32(p.r) << 16 | UInt32(p.g) << 8 | UInt32(p.b)
}

/// The colour `top` at `alpha` over `bottom`, as Cairo composites it (to within rounding).
func composite(_ top: Color, alpha: Double, over bottom: Color) -> (Double, Double, Double) {
    ((top.red * alpha + bottom.red * (1 - alpha)) * 255, (top.green * alpha + bottom.green * (1 - alpha)) * 255,
     (top.blue * alpha + bottom.blue * (1 - alpha)) * 255)
}

/// Whether pixel `value` (0xRRGGBB) is within `tolerance` of `expected` in every channel.
func close(_ value: UInt32, _ expected: (Double, Double, Double), tolerance: Double = 2) -> Bool {
    let r = Double(value >> 16 & 0xFF), g = Double(value >> 8 & 0xFF), b = Double(value & 0xFF)
    return abs(r - expected.0) <= tolerance && abs(g - expected.1) <= tolerance && abs(b - expected.2) <= tolerance
}

/// A colour as 0–255 channels.
func channels(_ color: Color) -> (Double, Double, Double) { (color.red * 255, color.green * 255, color.blue * 255) }
