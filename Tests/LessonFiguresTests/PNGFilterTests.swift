import LessonCore
import Testing
@testable import LessonFigures

/// `PNGWriter` (libpng, unfiltered rows, zlib level 3): what it writes decodes with libpng to
/// exactly the pixels it was given, for synthetic images and for every frame Cairo draws.
@Suite struct PNGFilterTests {
    /// Top half: vertical stripes (every row the same); bottom half: each row one grey, a
    /// different one per row.
    static func stripesThenBands(width: Int, height: Int) -> [UInt32] {
        (0..<height).flatMap { y in
            (0..<width).map { x -> UInt32 in
                if y < height / 2 { return x % 4 < 2 ? 0xFFE0_3020 : 0xFF20_40C0 }
                let grey = UInt32((y * 7) % 256)
                return 0xFF00_0000 | grey << 16 | grey << 8 | grey
            }
        }
    }

    /// The pixels of `image` that differ from the opaque words `argb` (row by row, `width` wide).
    static func mismatches(_ image: RGBAImage, _ argb: [UInt32], width: Int) -> Int {
        var count = 0
        for (index, word) in argb.enumerated() {
            let p = image.pixel(x: index % width, y: index / width)
            if p.r != UInt8(truncatingIfNeeded: word >> 16) || p.g != UInt8(truncatingIfNeeded: word >> 8)
                || p.b != UInt8(truncatingIfNeeded: word) || p.a != 255 { count += 1 }
        }
        return count
    }

    @Test func syntheticImagesDecodeWithLibpngToThePixelsGiven() throws {
        for (width, height) in [(40, 20), (1, 1), (3, 200), (257, 401)] {
            let pixels = Self.stripesThenBands(width: width, height: height)
            let png = try pixels.withUnsafeBytes {
                try PNGWriter.encode(argb: $0.baseAddress!, width: width, height: height, rowBytes: width * 4)
            }
            let image = try PNGCodec.decode(png)
            #expect(image.width == width && image.height == height)
            let wrong = Self.mismatches(image, pixels, width: width)
            #expect(wrong == 0, "\(width)×\(height): \(wrong) pixels differ after libpng decodes")
        }
    }

    /// Noise has no repeats: the PNG is bigger than the first guess of its buffer, so the
    /// writer must retry with the size libpng asks for.
    @Test func incompressiblePixelsStillDecodeToThePixelsGiven() throws {
        var state: UInt64 = 7
        let width = 300, height = 200
        let pixels: [UInt32] = (0..<(width * height)).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return 0xFF00_0000 | UInt32(truncatingIfNeeded: state >> 40) & 0xFF_FFFF
        }
        let png = try pixels.withUnsafeBytes {
            try PNGWriter.encode(argb: $0.baseAddress!, width: width, height: height, rowBytes: width * 4)
        }
        #expect(png.count > width * height * 3 / 8, "noise compressed to \(png.count) bytes")
        let wrong = Self.mismatches(try PNGCodec.decode(png), pixels, width: width)
        #expect(wrong == 0, "noise: \(wrong) pixels differ after libpng decodes")
    }

    /// The differential test: each frame of the example, at two scales and in every theme,
    /// written as PNG and read back by libpng, is Cairo's surface pixel for pixel.
    @Test(arguments: [Theme.light, .dark, .highContrast])
    func everyFrameDecodesToCairosSurface(theme: Theme) throws {
        for scale in [1.0, 0.5] {
            for frame in try Fixtures.exampleFrames() {
                let surface = try FigureRenderer.surface(for: frame, options: RenderOptions(theme: theme, scale: scale))
                let (width, _, argb) = surface.pixels()
                let wrong = Self.mismatches(try PNGCodec.decode(try surface.encoded()), argb, width: width)
                #expect(wrong == 0, "\(theme.name) \(frame.name) at scale \(scale): \(wrong) pixels differ from Cairo's surface")
            }
        }
    }
}
