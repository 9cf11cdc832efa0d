import CPNG
import LessonCore
import Testing
@testable import LessonFigures

/// `PNGWriter` (libpng's full API, unfiltered rows, zlib level 3): what it writes decodes with
/// libpng to exactly the pixels it was given, for synthetic images and for every frame Cairo
/// draws, and is byte for byte what libpng's simplified API writes from an RGB copy.
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

    /// `pixels` (opaque ARGB words, `width` wide) written by `PNGWriter`, rows `rowBytes` apart.
    static func encode(_ pixels: [UInt32], width: Int, height: Int, rowBytes: Int? = nil) throws -> [UInt8] {
        try pixels.withUnsafeBytes {
            try PNGWriter.encode(argb: $0.baseAddress!, width: width, height: height, rowBytes: rowBytes ?? width * 4)
        }
    }

    /// The same pixels written the way the writer did before issue 15's change: copied to RGB
    /// and handed to libpng's simplified API with PNG_IMAGE_FLAG_FAST (no filter, level 3).
    static func simplifiedAPIBytes(_ pixels: [UInt32], width: Int, height: Int) -> [UInt8]? {
        let rgb = pixels.flatMap { [UInt8(truncatingIfNeeded: $0 >> 16), UInt8(truncatingIfNeeded: $0 >> 8), UInt8(truncatingIfNeeded: $0)] }
        var image = png_image()
        image.version = 1
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = 0x02 // PNG_FORMAT_RGB
        image.flags = 0x02 // PNG_IMAGE_FLAG_FAST
        var size = png_alloc_size_t(rgb.count * 2 + 4096)
        var out = [UInt8](repeating: 0, count: Int(size))
        let done = out.withUnsafeMutableBytes { buffer in
            rgb.withUnsafeBytes { png_image_write_to_memory(&image, buffer.baseAddress, &size, 0, $0.baseAddress, 0, nil) }
        }
        png_image_free(&image)
        return done != 0 ? Array(out.prefix(Int(size))) : nil
    }

    @Test func syntheticImagesDecodeWithLibpngToThePixelsGiven() throws {
        for (width, height) in [(40, 20), (1, 1), (3, 200), (257, 401)] {
            let pixels = Self.stripesThenBands(width: width, height: height)
            let png = try Self.encode(pixels, width: width, height: height)
            let image = try PNGCodec.decode(png)
            #expect(image.width == width && image.height == height)
            let wrong = Self.mismatches(image, pixels, width: width)
            #expect(wrong == 0, "\(width)×\(height): \(wrong) pixels differ after libpng decodes")
        }
    }

    /// Rows further apart than 4 bytes a pixel (Cairo pads some strides): the padding is skipped.
    @Test func paddedRowsAreReadRowByRow() throws {
        let width = 5, height = 3, wordsPerRow = 8
        var padded = [UInt32](repeating: 0xFFFF_00FF, count: wordsPerRow * height) // magenta padding
        let pixels = Self.stripesThenBands(width: width, height: height)
        for y in 0..<height { for x in 0..<width { padded[y * wordsPerRow + x] = pixels[y * width + x] } }
        let png = try Self.encode(padded, width: width, height: height, rowBytes: wordsPerRow * 4)
        let wrong = Self.mismatches(try PNGCodec.decode(png), pixels, width: width)
        #expect(wrong == 0, "padded rows: \(wrong) pixels differ after libpng decodes")
    }

    /// The full API with its settings writes exactly the bytes of the simplified API's fast mode
    /// (so the files did not change when the RGB copy went away), and the same bytes every time.
    @Test func bytesAreTheSimplifiedAPIsAndTheSameEveryRun() throws {
        for (width, height) in [(40, 20), (1, 1), (257, 401)] {
            let pixels = Self.stripesThenBands(width: width, height: height)
            let png = try Self.encode(pixels, width: width, height: height)
            let reference = try #require(Self.simplifiedAPIBytes(pixels, width: width, height: height))
            #expect(png == reference, "\(width)×\(height): \(png.count) bytes, the simplified API wrote \(reference.count)")
            #expect(try Self.encode(pixels, width: width, height: height) == png, "\(width)×\(height): a second run differs")
        }
        let frame = try #require(try Fixtures.exampleFrames().first)
        let surface = try FigureRenderer.surface(for: frame, options: RenderOptions())
        let (width, height, argb) = surface.pixels()
        let reference = try #require(Self.simplifiedAPIBytes(argb, width: width, height: height))
        #expect(try surface.encoded() == reference, "\(frame.name): the bytes differ from the simplified API's")
    }

    /// libpng refuses a PNG 0 pixels wide with png_error, a longjmp caught in the C shim: the
    /// writer throws a sentence instead of crashing.
    @Test func anImageLibpngRefusesIsAnError() throws {
        let error = #expect(throws: PNGError.self) { try Self.encode([0xFF00_0000], width: 0, height: 4) }
        #expect(error?.message.contains("IHDR") == true, "\(error?.message ?? "no error")")
    }

    /// Noise has no repeats: the PNG is bigger than the writer's first buffer (64 KiB), which
    /// must grow as libpng hands it the compressed rows.
    @Test func incompressiblePixelsStillDecodeToThePixelsGiven() throws {
        var state: UInt64 = 7
        let width = 300, height = 200
        let pixels: [UInt32] = (0..<(width * height)).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return 0xFF00_0000 | UInt32(truncatingIfNeeded: state >> 40) & 0xFF_FFFF
        }
        let png = try Self.encode(pixels, width: width, height: height)
        #expect(png.count > 65536, "noise compressed to \(png.count) bytes")
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
