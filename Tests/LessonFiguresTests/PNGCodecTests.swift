import Testing
@testable import LessonFigures

/// Reading PNGs of other bit depths than the 8 bits we write.
@Suite struct PNGCodecTests {
    /// A 2×1 16-bit grayscale PNG with samples 3000 and 65535, made with Python's zlib.
    let sixteenBitGray: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 1, 16, 0, 0, 0, 0, 129, 217, 252, 21, 0, 0, 0, 13, 73, 68, 65, 84, 120, 156, 99, 224, 222, 241, 255, 63, 0, 5, 86, 2, 194, 165, 172, 193, 223, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130]

    @Test func sixteenBitSamplesAreScaledNotGammaEncoded() throws {
        let image = try PNGCodec.decode(sixteenBitGray)
        #expect(image.width == 2 && image.height == 1)
        // 3000 / 257 = 11.67 → 12 (libpng's sRGB encoding of linear 3000 would give about 62).
        #expect(image.pixel(x: 0, y: 0) == (12, 12, 12, 255))
        #expect(image.pixel(x: 1, y: 0) == (255, 255, 255, 255))
    }

    @Test func notAPNGIsNamed() {
        #expect(throws: PNGError.self) { try PNGCodec.decode(Array("not a png".utf8)) }
    }
}
