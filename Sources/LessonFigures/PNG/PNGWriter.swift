import CZlib

/// Writes Cairo's pixels as an 8-bit RGB PNG, fast.
///
/// Figures are large flat areas: with the PNG "Sub" row filter a flat run becomes zeros,
/// which zlib's run-length strategy compresses at several hundred MB/s. Writing a
/// 1280×720 frame takes a few milliseconds (Cairo's own writer, zlib's default
/// strategy and level, takes tens), and the files stay small. The output depends only
/// on the pixels: no time, no text chunks.
enum PNGWriter {
    /// Encodes Cairo ARGB32 pixels (native-endian words; figures are opaque) as RGB.
    static func encode(argb pixels: UnsafeRawPointer, width: Int, height: Int, rowBytes: Int) throws -> [UInt8] {
        // Filtered scanlines: one filter byte (1 = Sub) then R, G, B minus the pixel to the left.
        let lineLength = 1 + width * 3
        // Every byte is written below, so the buffer starts uninitialised.
        let raw = [UInt8](unsafeUninitializedCapacity: lineLength * height) { out, count in
            count = lineLength * height
            for y in 0..<height {
                let row = (pixels + y * rowBytes).assumingMemoryBound(to: UInt32.self)
                let base = y * lineLength
                out[base] = 1
                var previous: (UInt8, UInt8, UInt8) = (0, 0, 0)
                for x in 0..<width {
                    let word = row[x]
                    let r = UInt8(truncatingIfNeeded: word >> 16), g = UInt8(truncatingIfNeeded: word >> 8)
                    let b = UInt8(truncatingIfNeeded: word)
                    let i = base + 1 + x * 3
                    out[i] = r &- previous.0
                    out[i + 1] = g &- previous.1
                    out[i + 2] = b &- previous.2
                    previous = (r, g, b)
                }
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0] // 8 bits, truecolour RGB, deflate, adaptive filtering, no interlace
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", try deflate(raw), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    private static func deflate(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        let version = zlibVersion()
        var status = deflateInit2_(&stream, 1, Z_DEFLATED, 15, 9, Z_RLE, version, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw PNGError(message: "zlib could not start compressing (status \(status))") }
        defer { deflateEnd(&stream) }
        // The bound is about the size of the input, but a figure compresses to a few percent of
        // it: leaving the buffer uninitialised means only the pages written are ever touched.
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        var finished: Int32 = Z_OK
        let output = [UInt8](unsafeUninitializedCapacity: bound) { outBuffer, count in
            finished = input.withUnsafeBufferPointer { inBuffer in
                // zlib reads next_in only; its declaration is not const.
                stream.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
            count = finished == Z_STREAM_END ? Int(stream.total_out) : 0
        }
        status = finished
        guard status == Z_STREAM_END else { throw PNGError(message: "zlib could not compress the image (status \(status))") }
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
