import CRowDeflate
import CZlib
import LessonCore
import LessonTestSupport
import Testing

/// The differential test of CRowDeflate, our deflate encoder for PNG scanlines (issue 15): every
/// stream it writes, inflated by zlib, is exactly its input, fits in `lesson_row_deflate_bound`,
/// and is the same bytes on a second run. Inputs are seeded: rows copied from the row above,
/// runs, few and many byte values, incompressible noise, lines longer than deflate's 32 KB
/// window, and the sizes at the edges (nothing, one byte, the 258 bytes of one longest match).
/// `PNGWriterTests` reads whole PNGs of drawn frames back with libpng.
@Suite struct RowDeflateTests {
    /// `input` compressed with `line` and `pixel`.
    static func compress(_ input: [UInt8], line: Int, pixel: Int) throws -> [UInt8] {
        let encoder = try #require(lesson_row_deflate_alloc(), "no memory for an encoder")
        defer { lesson_row_deflate_free(encoder) }
        let bound = lesson_row_deflate_bound(input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = output.withUnsafeMutableBufferPointer { out in
            input.withUnsafeBufferPointer { lesson_row_deflate_compress(encoder, $0.baseAddress, $0.count, line, pixel, out.baseAddress) }
        }
        #expect(written <= bound, "\(written) bytes written for \(input.count), past the bound \(bound)")
        return Array(output[0..<min(written, bound)])
    }

    /// A raw deflate stream inflated by zlib, which must end exactly where the stream does.
    static func inflate(_ stream: [UInt8], expecting count: Int) throws -> [UInt8] {
        var z = z_stream()
        #expect(inflateInit2_(&z, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        defer { inflateEnd(&z) }
        var input = stream
        var output = [UInt8](repeating: 0, count: count + 1)
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                z.next_in = inBuffer.baseAddress
                z.avail_in = UInt32(inBuffer.count)
                z.next_out = outBuffer.baseAddress
                z.avail_out = UInt32(outBuffer.count)
                return CZlib.inflate(&z, Z_FINISH)
            }
        }
        #expect(status == Z_STREAM_END, "zlib stopped with status \(status) (\(z.msg.map { String(cString: $0) } ?? "no message"))")
        #expect(z.avail_in == 0, "\(z.avail_in) bytes left after the stream's end")
        return Array(output[0..<(output.count - Int(z.avail_out))])
    }

    static func expectRoundTrip(_ input: [UInt8], line: Int, pixel: Int, _ label: String) throws {
        let stream = try compress(input, line: line, pixel: pixel)
        let back = try inflate(stream, expecting: input.count)
        #expect(back.count == input.count, "\(label): \(input.count) bytes came back as \(back.count)")
        let first = back.indices.first { $0 < input.count && back[$0] != input[$0] }
        #expect(first == nil, "\(label): byte \(first ?? 0) of \(input.count) differs after zlib inflates")
        #expect(try compress(input, line: line, pixel: pixel) == stream, "\(label): a second run wrote other bytes")
    }

    /// Rows of `width` pixels of `pixel` bytes, each with a leading filter byte as PNG's:
    /// each byte drawn from `values` kinds, then, with probability `copied`, replaced by the
    /// byte above it.
    static func image(width: Int, height: Int, pixel: Int, values: Int, copied: Double, random: inout SplitMix64) -> [UInt8] {
        let line = 1 + pixel * width
        var bytes = [UInt8](repeating: 0, count: line * height)
        for index in bytes.indices where index % line != 0 {
            bytes[index] = UInt8(truncatingIfNeeded: random.int(0...(values - 1)) * (255 / max(values - 1, 1)))
            if index >= line, random.uniform(0...1) < copied { bytes[index] = bytes[index - line] }
        }
        return bytes
    }

    @Test(arguments: Seeds.range(1...40))
    func seededImagesInflateToTheirBytes(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let pixel = random.int(1...4), width = random.int(1...400), height = random.int(1...30)
        let values = [2, 3, 16, 256][random.int(0...3)], copied = [0, 0.5, 0.9, 0.99][random.int(0...3)]
        let bytes = Self.image(width: width, height: height, pixel: pixel, values: values, copied: copied, random: &random)
        try Self.expectRoundTrip(bytes, line: 1 + pixel * width, pixel: pixel,
                                 "seed \(seed): \(width)×\(height), \(pixel) bytes a pixel, \(values) values, \(copied) copied")
    }

    /// A line longer than the window (the row above is out of reach), and a frame of noise
    /// larger than several blocks (stored blocks, each its 5 bytes over the input).
    @Test func longLinesAndNoiseInflateToTheirBytes() throws {
        var random = SplitMix64(seed: 99)
        let wide = Self.image(width: 12_000, height: 4, pixel: 3, values: 3, copied: 0.9, random: &random)
        try Self.expectRoundTrip(wide, line: 36_001, pixel: 3, "12,000 pixels a line")
        let noise = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: random.int(0...255)) }
        let stream = try Self.compress(noise, line: 3_841, pixel: 3)
        #expect(stream.count > noise.count, "noise compressed to \(stream.count) of \(noise.count) bytes")
        try Self.expectRoundTrip(noise, line: 3_841, pixel: 3, "noise")
    }

    /// Nothing, a byte, two, a match's worth, one longest match and one more, and one long run.
    @Test func edgeSizesInflateToTheirBytes() throws {
        for count in [0, 1, 2, 3, 4, 258, 259, 261, 100_000] {
            try Self.expectRoundTrip([UInt8](repeating: 7, count: count), line: 5, pixel: 1, "\(count) equal bytes")
            try Self.expectRoundTrip((0..<count).map { UInt8(truncatingIfNeeded: $0 * 7 % 251) }, line: 3, pixel: 3,
                                     "\(count) counting bytes")
        }
        #expect(try Self.compress([UInt8](repeating: 0xFF, count: 1 << 20), line: 3_841, pixel: 3).count < 5_000,
                "a white megabyte should compress to a few kilobytes")
    }
}
