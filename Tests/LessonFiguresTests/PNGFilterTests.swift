import LessonCore
import Testing
@testable import LessonFigures

/// The per-row filter choice of `PNGWriter`: Up where a row repeats the one above, Sub where a
/// row is flat from left to right, and libpng decoding either to the pixels given.
@Suite struct PNGFilterTests {
    /// Top half: vertical stripes (every row the same, so Up is all zeros); bottom half: each
    /// row one grey, a different one per row (so Sub is zeros after the first pixel, Up is not).
    static func stripesThenBands(width: Int, height: Int) -> [UInt32] {
        (0..<height).flatMap { y in
            (0..<width).map { x -> UInt32 in
                if y < height / 2 { return x % 4 < 2 ? 0xFFE0_3020 : 0xFF20_40C0 }
                let grey = UInt32((y * 7) % 256)
                return 0xFF00_0000 | grey << 16 | grey << 8 | grey
            }
        }
    }

    @Test func repeatedRowsTakeUpAndFlatRowsTakeSub() {
        let width = 40, height = 20
        let pixels = Self.stripesThenBands(width: width, height: height)
        let lineLength = 1 + width * 3
        let lines = pixels.withUnsafeBytes {
            PNGWriter.filtered($0.baseAddress!, rows: 0..<height, width: width, rowBytes: width * 4, lineLength: lineLength)
        }
        let filters = (0..<height).map { lines[$0 * lineLength] }
        for y in 1..<height / 2 {
            #expect(filters[y] == 2, "row \(y) repeats the row above: Up, got filter \(filters[y])")
            #expect(lines[(y * lineLength + 1)..<((y + 1) * lineLength)].allSatisfy { $0 == 0 }, "row \(y): Up leaves zeros")
        }
        for y in height / 2 + 1..<height {
            #expect(filters[y] == 1, "row \(y) is one grey: Sub, got filter \(filters[y])")
            #expect(lines[(y * lineLength + 4)..<((y + 1) * lineLength)].allSatisfy { $0 == 0 }, "row \(y): Sub leaves zeros after the first pixel")
        }
    }

    @Test func bothFiltersDecodeWithLibpngToThePixelsGiven() throws {
        for (width, height) in [(40, 20), (1, 1), (3, 200), (257, 401)] {
            let pixels = Self.stripesThenBands(width: width, height: height)
            let png = try pixels.withUnsafeBytes {
                try PNGWriter.encode(argb: $0.baseAddress!, width: width, height: height, rowBytes: width * 4)
            }
            let image = try PNGCodec.decode(png)
            #expect(image.width == width && image.height == height)
            var mismatches = 0
            for y in 0..<height {
                for x in 0..<width {
                    let word = pixels[y * width + x], p = image.pixel(x: x, y: y)
                    if p.r != UInt8(truncatingIfNeeded: word >> 16) || p.g != UInt8(truncatingIfNeeded: word >> 8)
                        || p.b != UInt8(truncatingIfNeeded: word) || p.a != 255 { mismatches += 1 }
                }
            }
            #expect(mismatches == 0, "\(width)×\(height): \(mismatches) pixels differ after libpng decodes")
        }
    }
}
