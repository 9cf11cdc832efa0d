import Foundation
import LessonCore
import LessonFigures
import LessonLibrary
import LessonTestSupport
import Testing

/// The differential test of the hand-written `PNGWriter` (CRowDeflate's zlib stream, our row
/// filters and chunks): every PNG it writes, read back by libpng (`PNGCodec`), is exactly the
/// pixels it was given — Cairo's surface for real frames of several lessons, seeded random and
/// structured images of odd sizes for every filter and deflater — and the same bytes on every run.
@Suite struct PNGWriterTests {
    /// Every filter type alone and the per-row choice, with CRowDeflate (the standard) and with
    /// libdeflate at its fastest, middle and smallest levels: each filter's code and each
    /// deflater's matcher are read back by libpng.
    static let everySetting: [PNGWriter.Settings] = [.standard] + rowsThenLevels.flatMap { deflater in
        (0...4).map { PNGWriter.Settings(filter: Int32($0), deflater: deflater) } + [PNGWriter.Settings(filter: nil, deflater: deflater)]
    } + [PNGWriter.Settings(filter: nil, candidates: [0, 2], deflater: .rows)]

    static let rowsThenLevels: [PNGWriter.Deflater] = [.rows, .libdeflate(level: 1), .libdeflate(level: 6), .libdeflate(level: 12)]

    /// The pixels of `image` that differ from the opaque words `argb` (row by row, `width` wide),
    /// or that are not opaque. (Compared as whole byte arrays first: the tests run unoptimized.)
    static func mismatches(_ image: RGBAImage, _ argb: [UInt32], width: Int) -> Int {
        guard image.width == width, image.width * image.height == argb.count else { return argb.count }
        let expected = [UInt8](unsafeUninitializedCapacity: argb.count * 4) { bytes, count in
            argb.withUnsafeBufferPointer { words in
                for (index, word) in words.enumerated() {
                    bytes[4 * index] = UInt8(truncatingIfNeeded: word >> 16)
                    bytes[4 * index + 1] = UInt8(truncatingIfNeeded: word >> 8)
                    bytes[4 * index + 2] = UInt8(truncatingIfNeeded: word)
                    bytes[4 * index + 3] = 255
                }
            }
            count = argb.count * 4
        }
        if image.bytes == expected { return 0 }
        return (0..<argb.count).count { image.bytes[4 * $0..<4 * $0 + 4] != expected[4 * $0..<4 * $0 + 4] }
    }

    /// `pixels` (opaque ARGB words, `width` wide, rows `rowBytes` apart) written by `PNGWriter`.
    static func encode(_ pixels: [UInt32], width: Int, height: Int, rowBytes: Int? = nil,
                       settings: PNGWriter.Settings = .standard) throws -> [UInt8] {
        try pixels.withUnsafeBytes {
            try PNGWriter.encode(argb: $0.baseAddress!, width: width, height: height, rowBytes: rowBytes ?? width * 4,
                                 settings: settings)
        }
    }

    /// Writes `pixels` with `settings`, decodes with libpng and checks size, every pixel, and
    /// that a second run gives the same bytes.
    static func expectRoundTrip(_ pixels: [UInt32], width: Int, height: Int, settings: PNGWriter.Settings,
                                _ label: String) throws {
        let png = try encode(pixels, width: width, height: height, settings: settings)
        let image = try PNGCodec.decode(png)
        #expect(image.width == width && image.height == height,
                "\(label) (\(settings)): decoded as \(image.width)×\(image.height), not \(width)×\(height)")
        guard image.width == width, image.height == height else { return }
        let wrong = mismatches(image, pixels, width: width)
        #expect(wrong == 0, "\(label) (\(settings)): \(wrong) of \(width * height) pixels differ after libpng decodes")
        #expect(try encode(pixels, width: width, height: height, settings: settings) == png,
                "\(label) (\(settings)): a second run wrote other bytes")
    }

    /// Opaque noise of `width` × `height`, whose colours come from a palette of `colours`
    /// (2 gives long repeats and runs, 2^24 none), drawn from `seed`.
    static func noise(width: Int, height: Int, colours: Int, seed: UInt64) -> [UInt32] {
        var random = SplitMix64(seed: seed)
        let palette = (0..<min(colours, 4096)).map { _ in UInt32(truncatingIfNeeded: random.next()) & 0xFF_FFFF }
        return (0..<(width * height)).map { _ in
            let colour = colours > 4096 ? UInt32(truncatingIfNeeded: random.next()) & 0xFF_FFFF : palette[random.int(0...palette.count - 1)]
            return 0xFF00_0000 | colour
        }
    }

    /// Top half: vertical stripes (every row the same, so "up" leaves zeros); bottom half: each
    /// row one grey, a different one per row (so "sub" leaves zeros); a ramp across the middle
    /// row (so Paeth and average differ from both).
    static func stripesBandsAndRamp(width: Int, height: Int) -> [UInt32] {
        (0..<height).flatMap { y in
            (0..<width).map { x -> UInt32 in
                if y == height / 2 { return 0xFF00_0000 | UInt32(x * 255 / max(1, width - 1)) << 8 | UInt32(y % 256) }
                if y < height / 2 { return x % 4 < 2 ? 0xFFE0_3020 : 0xFF20_40C0 }
                let grey = UInt32((y * 7) % 256)
                return 0xFF00_0000 | grey << 16 | grey << 8 | grey
            }
        }
    }

    static let oddSizes = [(1, 1), (7, 3), (3, 7), (1, 300), (300, 1), (2, 2), (641, 5), (5, 641)]

    @Test(arguments: Seeds.range(1...6))
    func seededNoiseOfOddSizesDecodesToThePixelsGiven(seed: UInt64) throws {
        for (width, height) in Self.oddSizes {
            for colours in [2, 37, 1 << 24] {
                let pixels = Self.noise(width: width, height: height, colours: colours, seed: seed)
                for settings in Self.everySetting {
                    try Self.expectRoundTrip(pixels, width: width, height: height, settings: settings,
                                             "seed \(seed), \(width)×\(height), \(colours) colours")
                }
            }
        }
    }

    /// Every width from 1 to 24 pixels, and a 1280-pixel frame's: the byte shuffle writes four
    /// pixels at a time while 16 bytes fit in the row, and the byte loop the rest, so each width
    /// ends the shuffled part at a different place (widths under 6 are all byte loop).
    @Test(arguments: Seeds.range(1...3))
    func everyRowLengthDecodesToThePixelsGiven(seed: UInt64) throws {
        for (width, height) in (1...24).map({ ($0, 3) }) + [(1280, 2)] {
            let pixels = Self.noise(width: width, height: height, colours: 1 << 24, seed: seed)
            try Self.expectRoundTrip(pixels, width: width, height: height, settings: .standard,
                                     "seed \(seed), \(width)×\(height)")
        }
    }

    @Test func structuredImagesDecodeToThePixelsGiven() throws {
        for (width, height) in Self.oddSizes + [(40, 20), (257, 401)] {
            let pixels = Self.stripesBandsAndRamp(width: width, height: height)
            for settings in Self.everySetting {
                try Self.expectRoundTrip(pixels, width: width, height: height, settings: settings, "stripes \(width)×\(height)")
            }
        }
    }

    /// Rows further apart than 4 bytes a pixel (Cairo pads some strides): the padding is skipped.
    @Test func paddedRowsAreReadRowByRow() throws {
        let width = 5, height = 3, wordsPerRow = 8
        var padded = [UInt32](repeating: 0xFFFF_00FF, count: wordsPerRow * height) // magenta padding
        let pixels = Self.stripesBandsAndRamp(width: width, height: height)
        for y in 0..<height { for x in 0..<width { padded[y * wordsPerRow + x] = pixels[y * width + x] } }
        for settings in Self.everySetting {
            let png = try Self.encode(padded, width: width, height: height, rowBytes: wordsPerRow * 4, settings: settings)
            let wrong = Self.mismatches(try PNGCodec.decode(png), pixels, width: width)
            #expect(wrong == 0, "padded rows (\(settings)): \(wrong) pixels differ after libpng decodes")
        }
    }

    /// The file is the signature, IHDR, sRGB, one IDAT and IEND, in that order, with IHDR
    /// saying 8-bit RGB of the size given: what libpng reads is what the writer meant to write.
    @Test func chunksAreIHDRsRGBIDATIEND() throws {
        let png = try Self.encode(Self.stripesBandsAndRamp(width: 7, height: 3), width: 7, height: 3)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var types: [String] = [], at = 8
        while at + 8 <= png.count {
            let length = png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) }
            types.append(String(decoding: png[at + 4..<at + 8], as: UTF8.self))
            at += 12 + length
        }
        #expect(types == ["IHDR", "sRGB", "IDAT", "IEND"] && at == png.count, "chunks \(types), ending at \(at) of \(png.count)")
        #expect(Array(png[16..<29]) == [0, 0, 0, 7, 0, 0, 0, 3, 8, 2, 0, 0, 0], "IHDR data \(Array(png[16..<29]))")
    }

    /// A size PNG cannot hold is an error that says so, not a crash or a broken file.
    @Test func anEmptyImageIsAnError() throws {
        for (width, height) in [(0, 4), (4, 0)] {
            let error = #expect(throws: PNGError.self) { try Self.encode([0xFF00_0000], width: width, height: height) }
            #expect(error?.message.contains("\(width)×\(height)") == true, "\(error?.message ?? "no error")")
        }
    }

    /// Noise has no repeats: the file is larger than the scanlines, and still decodes.
    @Test func incompressiblePixelsStillDecodeToThePixelsGiven() throws {
        let width = 300, height = 200
        let pixels = Self.noise(width: width, height: height, colours: 1 << 24, seed: 7)
        let png = try Self.encode(pixels, width: width, height: height)
        #expect(png.count > width * height * 3, "noise compressed to \(png.count) bytes")
        let wrong = Self.mismatches(try PNGCodec.decode(png), pixels, width: width)
        #expect(wrong == 0, "noise: \(wrong) pixels differ after libpng decodes")
    }

    /// The lessons whose frames `lesson figures` writes most of, and ones with plots and
    /// networks: every frame of their default example.
    static let lessons = ["conv2d", "optimizers", "cnn", "mlp", "pooling", "backprop", "image-filters", "activations"]

    /// The differential test on real frames: each frame of several lessons, written by
    /// `PNGWriter` and read back by libpng, is Cairo's surface pixel for pixel. Each lesson is
    /// drawn in one theme at scale 1 and in another at scale 0.5 (the themes taking turns over
    /// the lessons, so all three and both scales are covered without drawing every frame six
    /// times); with the standard settings, and with every filter with CRowDeflate and libdeflate
    /// at levels 1 and 6 on the first frame (level 12 takes a second a frame: the small images
    /// above cover it).
    @Test(arguments: lessons)
    func everyFrameOfALessonDecodesToCairosSurface(id: String) throws {
        let lesson = try #require(LessonRegistry.lesson(id), "no lesson \(id)")
        let file = try CNNLessonTests.lessons.load(id)
        let frames = try lesson.run(file, variant: try file.variant(nil)).figures
        #expect(!frames.isEmpty, "\(id) drew no frames")
        let themes = [Theme.light, .dark, .highContrast], turn = Self.lessons.firstIndex(of: id) ?? 0
        for (theme, scale) in [(themes[turn % 3], 1.0), (themes[(turn + 1) % 3], 0.5)] {
            for (index, frame) in frames.enumerated() {
                let surface = try FigureRenderer.surface(for: frame, options: RenderOptions(theme: theme, scale: scale))
                let (width, _, argb) = surface.pixels()
                let png = try surface.encoded()
                let wrong = Self.mismatches(try PNGCodec.decode(png), argb, width: width)
                #expect(wrong == 0, "\(id) frame \(index) (\(theme.name), scale \(scale)): \(wrong) pixels differ from Cairo's surface")
                if index == 0 { #expect(try surface.encoded() == png, "\(id) frame 0: a second encoding wrote other bytes") }
            }
        }
        let surface = try FigureRenderer.surface(for: frames[0], options: RenderOptions())
        let (width, height, argb) = surface.pixels()
        for settings in Self.everySetting where settings.deflater != .libdeflate(level: 12) {
            try Self.expectRoundTrip(argb, width: width, height: height, settings: settings, "\(id) frame 0")
        }
    }
}
