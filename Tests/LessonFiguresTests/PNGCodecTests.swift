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

    /// A 2×1 16-bit gray+alpha PNG: (19918, α 25938) and (1000, α 300), made with Python's zlib.
    let sixteenBitGrayAlpha: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 1, 16, 4, 0, 0, 0, 14, 187, 107, 66, 0, 0, 0, 17, 73, 68, 65, 84, 120, 156, 99, 240, 61, 151, 26, 196, 252, 130, 81, 7, 0, 14, 253, 2, 235, 16, 254, 86, 167, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130]
    /// A 1×1 16-bit RGBA PNG: (40000, 2770, 65535, α 1234).
    let sixteenBitRGBA: [UInt8] = [137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 16, 6, 0, 0, 0, 79, 133, 24, 202, 0, 0, 0, 17, 73, 68, 65, 84, 120, 156, 99, 152, 227, 192, 117, 233, 255, 127, 150, 75, 0, 18, 210, 4, 141, 58, 134, 92, 46, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130]

    /// Translucent 16-bit samples read straight, each v as v/257 rounded: 19918 → 77.502 → 78
    /// (libpng's simplified API premultiplies it to 7883 and gave back 77), 1000 under α 300 →
    /// 3.89 → 4, 2770 under α 1234 → 10.78 → 11.
    @Test func translucentSixteenBitSamplesReadStraight() throws {
        let gray = try PNGCodec.decode(sixteenBitGrayAlpha)
        #expect(gray.pixel(x: 0, y: 0) == (78, 78, 78, 101))
        #expect(gray.pixel(x: 1, y: 0) == (4, 4, 4, 1))
        let colour = try PNGCodec.decode(sixteenBitRGBA)
        #expect(colour.pixel(x: 0, y: 0) == (156, 11, 255, 5))
    }

    /// A 16-bit PNG cut short is an error with libpng's reason, not a crash (the low-level
    /// reader's setjmp).
    @Test func aDamagedSixteenBitPNGIsAnError() {
        let cut = Array(sixteenBitGrayAlpha.prefix(50))
        let error = #expect(throws: PNGError.self) { try PNGCodec.decode(cut) }
        #expect(error?.message.hasPrefix("the PNG is damaged (") == true, "\(error?.message ?? "no error")")
    }

    @Test func notAPNGIsNamed() {
        #expect(throws: PNGError.self) { try PNGCodec.decode(Array("not a png".utf8)) }
    }
}
