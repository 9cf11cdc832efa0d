import CPNG
import Foundation

/// Writes Cairo's pixels as an 8-bit RGB PNG with libpng (`lesson_png_write_rgb` in CPNG's
/// shim: libpng's full API, whose errors longjmp, so the call and its setjmp live in C).
///
/// The shim turns Cairo's rows into RGB one row at a time as libpng asks for them, so no RGB
/// copy of the whole frame is made first. Callgrind on `lesson run conv2d` (11 frames): the old
/// Swift RGB copy 111M instructions, libpng's own filler and BGR transforms 157M, this loop 92M
/// (a 4-pixel word-wise version measured 120M as Swift's importer compiles the header). Settings:
/// no row filter, zlib level 3, the default strategy, the same bytes libpng's simplified API
/// writes with `PNG_IMAGE_FLAG_FAST`. Measured on 33 frames of conv2d, optimizers and cnn with
/// callgrind (issue 15): every other filter (sub, up, paeth, adaptive) gives larger files at
/// levels 1 and 3 and costs 20–270% more instructions; level 6 is 12–15% smaller for 2.2× the
/// instructions; Z_RLE and Z_FILTERED are larger; zlib's memory level 9 is 22% slower.
/// An indexed-colour PNG does not apply: 1,198 of the 1,200 PNGs of `lesson figures` have
/// more than 256 colours (antialiased text and lines).
enum PNGWriter {
    /// png_set_filter's mask, zlib's level and zlib's strategy.
    static let filters = Int32(PNG_FILTER_NONE), level: Int32 = 3, strategy = Int32(Z_DEFAULT_STRATEGY)

    /// Encodes Cairo ARGB32 pixels (native-endian words; figures are opaque) as RGB.
    static func encode(argb pixels: UnsafeRawPointer, width: Int, height: Int, rowBytes: Int) throws -> [UInt8] {
        var buffer = lesson_png_buffer()
        defer { lesson_png_buffer_free(&buffer) }
        // A little-endian word 0xAARRGGBB lies in memory as B, G, R, A.
        let bgrx: Int32 = UInt32(1).littleEndian == 1 ? 1 : 0
        let written = lesson_png_write_rgb(pixels.assumingMemoryBound(to: UInt8.self), Int32(width), Int32(height),
                                           rowBytes, bgrx, filters, level, strategy, &buffer)
        guard written != 0, let data = buffer.data else {
            let reason = withUnsafeBytes(of: &buffer.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            throw PNGError(message: "libpng could not write a \(width)×\(height) PNG (\(reason.isEmpty ? "no reason given" : reason))")
        }
        return [UInt8](UnsafeBufferPointer(start: data, count: buffer.size))
    }
}
