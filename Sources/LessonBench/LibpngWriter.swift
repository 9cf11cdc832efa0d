import CPNG
import Foundation
import LessonCore

/// The PNG writer `lesson` used before issue 15's libdeflate writer, kept as the benchmark's
/// baseline: libpng's full API through `lesson_png_write_rgb` in CPNG's shim, which converts
/// Cairo's rows to RGB one at a time as libpng asks for them. Until then the settings were no
/// row filter, zlib level 3 and the default strategy.
enum LibpngWriter {
    /// Encodes Cairo ARGB32 pixels (native-endian words; opaque) as RGB with png_set_filter's
    /// mask `filters` (PNG_FILTER_NONE, PNG_FILTER_UP, ...) and zlib's `level`.
    static func encode(argb pixels: UnsafeRawPointer, width: Int, height: Int, rowBytes: Int,
                       filters: Int32, level: Int32) throws -> [UInt8] {
        var buffer = lesson_png_buffer()
        defer { lesson_png_buffer_free(&buffer) }
        // A little-endian word 0xAARRGGBB lies in memory as B, G, R, A.
        let bgrx: Int32 = UInt32(1).littleEndian == 1 ? 1 : 0
        let written = lesson_png_write_rgb(pixels.assumingMemoryBound(to: UInt8.self), Int32(width), Int32(height),
                                           rowBytes, bgrx, filters, level, Int32(Z_DEFAULT_STRATEGY), &buffer)
        guard written != 0, let data = buffer.data else {
            let reason = withUnsafeBytes(of: &buffer.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            throw InputError("libpng could not write a \(width)×\(height) PNG (\(reason.isEmpty ? "no reason given" : reason))")
        }
        return [UInt8](UnsafeBufferPointer(start: data, count: buffer.size))
    }
}
