import CDeflate
import CRowDeflate
import Foundation

/// Writes Cairo's pixels as an 8-bit RGB PNG: the rows filtered by CDeflate's shim, the
/// filtered rows compressed to one zlib stream by CRowDeflate (our deflate encoder for
/// scanlines), and the chunks (signature, IHDR, sRGB, IDAT, IEND, each with its CRC-32)
/// written here, following the PNG specification (ISO/IEC 15948, sections 5 and 11).
///
/// Hand-written on purpose (issue 15): libpng's writer spent 64 % of a conv2d run's
/// instructions in zlib, and libdeflate, which came next, still 64 % of `lesson figures`'
/// CPU. CRowDeflate looks for the matches figures are made of (the byte, pixel and row
/// before) before it hashes anything, and writes smaller streams in a third of the time.
/// Its proof lives beside it: `PNGWriterTests` (LessonLibraryTests) decodes every PNG it
/// writes with libpng and compares the pixels with Cairo's surface, `RowDeflateTests`
/// (LessonFiguresTests) inflates seeded streams with zlib, and `lesson-bench png` compares
/// it with libdeflate and libpng on the same frames. The measurements behind the settings
/// are at `Settings.standard`; buffers and encoders are reused between frames (`PNGWorkspace`).
public enum PNGWriter {
    /// What compresses the filtered rows.
    public enum Deflater: Sendable, Equatable, CustomStringConvertible {
        /// CRowDeflate: the byte, pixel and row before, then a hash; one step of lazy matching.
        case rows
        /// libdeflate at a level from 1 (fastest) to 12 (smallest): the library ours is
        /// measured against.
        case libdeflate(level: Int32)

        public var description: String {
            switch self {
            case .rows: "row deflate"
            case .libdeflate(let level): "libdeflate level \(level)"
            }
        }
    }

    /// A row filter and a deflate encoder.
    public struct Settings: Sendable, CustomStringConvertible {
        /// One PNG filter type for every row (0 none, 1 sub, 2 up, 3 average, 4 Paeth), or nil
        /// to choose per row the filter of smallest sum of |filtered byte| among `candidates`.
        public var filter: Int32?
        /// The filter types tried per row when `filter` is nil.
        public var candidates: [Int32]
        /// What compresses the filtered rows.
        public var deflater: Deflater

        public init(filter: Int32?, candidates: [Int32] = [0, 1, 2, 3, 4], deflater: Deflater) {
            precondition(filter.map { (0...4).contains($0) } ?? true, "PNG filter types are 0 to 4, not \(filter!)")
            precondition(candidates.allSatisfy { (0...4).contains($0) } && !candidates.isEmpty, "PNG filter candidates \(candidates)")
            if case .libdeflate(let level) = deflater {
                precondition((1...12).contains(level), "libdeflate levels are 1 to 12, not \(level)")
            }
            self.filter = filter
            self.candidates = candidates
            self.deflater = deflater
        }

        /// What the writer uses: no filter, CRowDeflate. `lesson-bench png` measures it against
        /// libdeflate and libpng on the 76 frames of conv2d, optimizers, cnn and mlp (issue
        /// 15's closing note quotes the table). Before it, libdeflate at level 4 with no filter
        /// was the standard (4.5 % smaller than libpng at zlib level 3, and faster); every
        /// filter was larger on these frames, flat areas and antialiased text, which deflate
        /// matches best raw.
        public static let standard = Settings(filter: 0, deflater: .rows)

        static let filterNames = ["none", "sub", "up", "average", "Paeth"]

        public var description: String {
            let rows = filter.map { Self.filterNames[Int($0)] }
                ?? "per row of " + candidates.map { Self.filterNames[Int($0)] }.joined(separator: "/")
            return "\(rows), \(deflater)"
        }
    }

    /// The eight bytes every PNG starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes Cairo ARGB32 pixels (native-endian words, rows `rowBytes` apart; figures are
    /// opaque, so alpha is dropped) as an 8-bit RGB PNG.
    public static func encode(argb pixels: UnsafeRawPointer, width: Int, height: Int, rowBytes: Int,
                              settings: Settings = .standard) throws -> [UInt8] {
        // IHDR holds each size in 31 bits; past 2^28 bytes a frame is far beyond any figure.
        guard width > 0, height > 0, width <= 1 << 24, height <= 1 << 24, width * height <= 1 << 28 else {
            throw PNGError(message: "cannot write a \(width)×\(height) PNG: each side must be 1 to 2^24 pixels, 2^28 pixels in all")
        }
        precondition(rowBytes >= width * 4, "rows of \(width) ARGB pixels need \(width * 4) bytes, not \(rowBytes)")
        let scanlineBytes = (1 + 3 * width) * height
        // A little-endian word 0xAARRGGBB lies in memory as B, G, R, A.
        let bgrx: Int32 = UInt32(1).littleEndian == 1 ? 1 : 0
        let candidates = settings.candidates.reduce(Int32(0)) { $0 | 1 << $1 }
        return try PNGWorkspace.borrow { workspace in
            let scanlines = try workspace.scanlineBuffer(scanlineBytes)
            lesson_png_scanlines(pixels.assumingMemoryBound(to: UInt8.self), Int32(width), Int32(height), rowBytes,
                                 bgrx, settings.filter ?? -1, candidates, scanlines)
            let (stream, written) = try deflate(scanlines, count: scanlineBytes, line: 1 + 3 * width, with: settings.deflater,
                                                in: workspace, describing: "a \(width)×\(height) PNG")
            // Signature, IHDR (12 + 13), sRGB (12 + 1), IDAT (12 + the stream), IEND (12).
            let size = 8 + 25 + 13 + 12 + written + 12
            return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
                var file = ChunkWriter(base: buffer.baseAddress!)
                file.put(signature)
                // 8 bits a sample, RGB, deflate, adaptive filtering, not interlaced.
                file.chunk("IHDR", UInt32(width).bigEndianBytes + UInt32(height).bigEndianBytes + [8, 2, 0, 0, 0])
                file.chunk("sRGB", [0]) // Cairo's samples are sRGB; perceptual intent, as libpng wrote it
                let idat = file.count
                file.put(UInt32(written).bigEndianBytes + Array("IDAT".utf8))
                (file.base + file.count).update(from: stream, count: written)
                file.count += written
                file.put(file.crc32(from: idat + 4).bigEndianBytes)
                file.chunk("IEND", [])
                precondition(file.count == size, "a PNG of \(file.count) bytes where \(size) were counted")
                count = file.count
            }
        }
    }

    /// `count` bytes of scanlines (`line` bytes a row, 3 a pixel) as one zlib stream (RFC 1950:
    /// two header bytes, the deflate stream, the Adler-32 of the scanlines) in the workspace's
    /// stream buffer; returns the buffer and the bytes written.
    static func deflate(_ scanlines: UnsafeMutablePointer<UInt8>, count: Int, line: Int, with deflater: Deflater,
                        in workspace: PNGWorkspace, describing what: String) throws -> (UnsafeMutablePointer<UInt8>, Int) {
        let stream: UnsafeMutablePointer<UInt8>
        let written: Int
        switch deflater {
        case .rows:
            let encoder = try workspace.rowEncoder()
            stream = try workspace.streamBuffer(2 + lesson_row_deflate_bound(count) + 4)
            // CMF 0x78: deflate with a 32 KB window; FLG 0x01: no preset dictionary, and
            // 0x78 × 256 + 0x01 a multiple of 31, as RFC 1950 asks.
            stream[0] = 0x78
            stream[1] = 0x01
            let deflated = lesson_row_deflate_compress(encoder, scanlines, count, line, 3, stream + 2)
            for (index, byte) in libdeflate_adler32(1, scanlines, count).bigEndianBytes.enumerated() {
                stream[2 + deflated + index] = byte
            }
            written = 2 + deflated + 4
        case .libdeflate(let level):
            let compressor = try workspace.compressor(level: level)
            let bound = libdeflate_zlib_compress_bound(compressor, count)
            stream = try workspace.streamBuffer(bound)
            written = libdeflate_zlib_compress(compressor, scanlines, count, stream, bound)
            guard written > 0 else {
                throw PNGError(message: "libdeflate could not compress \(what) into its \(bound)-byte bound")
            }
        }
        guard written <= Int(UInt32.max >> 1) else {
            throw PNGError(message: "\(what) compresses to \(written) bytes, more than a PNG chunk holds (2^31 − 1)")
        }
        return (stream, written)
    }
}

/// Writes a PNG's bytes into memory reserved for the whole file.
private struct ChunkWriter {
    let base: UnsafeMutablePointer<UInt8>
    /// The bytes written so far.
    var count = 0

    mutating func put(_ bytes: [UInt8]) {
        overwrite(bytes, at: count)
        count += bytes.count
    }

    private func overwrite(_ bytes: [UInt8], at offset: Int) {
        bytes.withUnsafeBufferPointer { (base + offset).update(from: $0.baseAddress!, count: $0.count) }
    }

    /// The CRC-32 of the PNG specification (zlib's) of the bytes from `start` on, by libdeflate.
    func crc32(from start: Int) -> UInt32 { libdeflate_crc32(0, base + start, count - start) }

    /// Writes a chunk: its data's length, its type, its data and the CRC-32 of type and data.
    mutating func chunk(_ type: String, _ data: [UInt8]) {
        put(UInt32(data.count).bigEndianBytes)
        let start = count
        put(Array(type.utf8) + data)
        put(crc32(from: start).bigEndianBytes)
    }
}

private extension UInt32 {
    /// The four bytes of this word, most significant first, as PNG stores every number.
    var bigEndianBytes: [UInt8] { [UInt8(self >> 24), UInt8(self >> 16 & 0xFF), UInt8(self >> 8 & 0xFF), UInt8(self & 0xFF)] }
}
