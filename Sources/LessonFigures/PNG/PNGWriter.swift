import CZlib
import Foundation

/// Writes Cairo's pixels as an 8-bit RGB PNG, fast.
///
/// Figures are large flat areas: with the PNG "Sub" row filter (or "Up" for a row that repeats
/// the one above) a flat run becomes zeros. zlib's fastest level (1) with its default strategy
/// also finds repeated glyphs and stripes, which the run-length strategy misses: half the
/// bytes for about the same time. The image is cut
/// into a fixed number of horizontal bands that are filtered and compressed in parallel
/// (as pigz does): each band is a raw deflate stream ended by a sync flush, the last one
/// finished, and their Adler-32 sums are combined, so together they form one valid zlib
/// stream. The band count depends only on the height, so the output depends only on the
/// pixels: no time, no text chunks, the same bytes on one core or many.
enum PNGWriter {
    /// Bands of at least this many rows, at most `maxBands` of them.
    static let minRowsPerBand = 96, maxBands = 4

    /// Encodes Cairo ARGB32 pixels (native-endian words; figures are opaque) as RGB.
    static func encode(argb pixels: UnsafeRawPointer, width: Int, height: Int, rowBytes: Int) throws -> [UInt8] {
        let lineLength = 1 + width * 3
        let bands = max(1, min(maxBands, height / minRowsPerBand))
        let rowsPerBand = (height + bands - 1) / bands
        let results = BandResults(count: bands)
        let source = Pixels(base: pixels)
        DispatchQueue.concurrentPerform(iterations: bands) { band in
            let rows = (band * rowsPerBand)..<min(height, (band + 1) * rowsPerBand)
            let raw = filtered(source.base, rows: rows, width: width, rowBytes: rowBytes, lineLength: lineLength)
            let adler = raw.withUnsafeBufferPointer { adler32(1, $0.baseAddress, UInt32($0.count)) }
            results.set(band, Result { (try deflate(raw, last: band == bands - 1), adler, raw.count) })
        }
        var stream: [UInt8] = [0x78, 0x01] // zlib header: deflate, 32K window, fastest level
        var adler: UInt = 1
        for result in results.values {
            let (compressed, bandAdler, length) = try result.get()
            stream += compressed
            adler = adler32_combine(adler, bandAdler, off_t(length))
        }
        stream += bigEndian(UInt32(truncatingIfNeeded: adler))

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0] // 8 bits, truecolour RGB, deflate, adaptive filtering, no interlace
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", stream, to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// The scanlines of `rows`: a row that repeats the one above gets the Up filter (2: minus
    /// the pixel above, all zeros), any other row the Sub filter (1: R, G, B minus the pixel to
    /// the left). A flat area becomes zeros either way; Up also zeroes the rows of a table or a
    /// bar repeated downwards, and a comparison of two rows is all it costs.
    static func filtered(_ pixels: UnsafeRawPointer, rows: Range<Int>, width: Int, rowBytes: Int,
                         lineLength: Int) -> [UInt8] {
        // Every byte is written below, so the buffer starts uninitialised.
        [UInt8](unsafeUninitializedCapacity: lineLength * rows.count) { buffer, count in
            count = lineLength * rows.count
            guard let start = buffer.baseAddress else { return }
            for (index, y) in rows.enumerated() {
                let row = (pixels + y * rowBytes).assumingMemoryBound(to: UInt32.self)
                let line = start + index * lineLength
                if y > 0, memcmp(row, pixels + (y - 1) * rowBytes, width * 4) == 0 {
                    line[0] = 2
                    (line + 1).initialize(repeating: 0, count: width * 3)
                } else {
                    line[0] = 1
                    sub(row, width: width, into: line + 1)
                }
            }
        }
    }

    /// Sub: R, G, B of each pixel minus those of the pixel to its left (zero left of the row).
    @inline(__always)
    private static func sub(_ row: UnsafePointer<UInt32>, width: Int, into out: UnsafeMutablePointer<UInt8>) {
        var previous: UInt32 = 0
        for x in 0..<width {
            let word = row[x]
            out[3 * x] = UInt8(truncatingIfNeeded: word >> 16) &- UInt8(truncatingIfNeeded: previous >> 16)
            out[3 * x + 1] = UInt8(truncatingIfNeeded: word >> 8) &- UInt8(truncatingIfNeeded: previous >> 8)
            out[3 * x + 2] = UInt8(truncatingIfNeeded: word) &- UInt8(truncatingIfNeeded: previous)
            previous = word
        }
    }

    /// A raw deflate stream of `input`: finished if `last`, else ended on a byte boundary by a
    /// sync flush so the next band's stream can follow it.
    private static func deflate(_ input: [UInt8], last: Bool) throws -> [UInt8] {
        var stream = z_stream()
        var status = deflateInit2_(&stream, 1, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw PNGError(message: "zlib could not start compressing (status \(status))") }
        defer { deflateEnd(&stream) }
        // The bound is about the size of the input, but a figure compresses to a few percent of
        // it: leaving the buffer uninitialised means only the pages written are ever touched.
        let bound = Int(deflateBound(&stream, UInt(input.count))) + 16
        let flush = last ? Z_FINISH : Z_SYNC_FLUSH
        var finished: Int32 = Z_OK
        let output = [UInt8](unsafeUninitializedCapacity: bound) { outBuffer, count in
            finished = input.withUnsafeBufferPointer { inBuffer in
                // zlib reads next_in only; its declaration is not const.
                stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                return CZlib.deflate(&stream, flush)
            }
            count = Int(stream.total_out)
        }
        status = finished
        let done = last ? status == Z_STREAM_END : (status == Z_OK && stream.avail_in == 0)
        guard done else { throw PNGError(message: "zlib could not compress the image (status \(status))") }
        return output
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png += bigEndian(UInt32(data.count))
        png += typeBytes
        png += data
        var crc = crc32(0, nil, 0)
        crc = typeBytes.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        crc = data.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        png += bigEndian(UInt32(truncatingIfNeeded: crc))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}

/// The pixels, read (never written) by the encoding threads while the surface stays alive.
private struct Pixels: @unchecked Sendable { let base: UnsafeRawPointer }

/// The compressed bands, one slot per band, filled by the encoding threads.
private final class BandResults: @unchecked Sendable {
    private var storage: [Result<([UInt8], UInt, Int), Error>?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<([UInt8], UInt, Int), Error>) {
        lock.lock(); storage[index] = value; lock.unlock()
    }
    var values: [Result<([UInt8], UInt, Int), Error>] {
        lock.lock(); defer { lock.unlock() }
        return storage.map { $0 ?? .failure(PNGError(message: "a band of the image was not compressed")) }
    }
}
