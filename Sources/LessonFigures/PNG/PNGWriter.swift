import CDeflate
import Foundation

/// Writes Cairo's pixels as an 8-bit RGB PNG: the rows filtered by CDeflate's shim, the
/// filtered rows compressed to one zlib stream by libdeflate, and the chunks (signature,
/// IHDR, sRGB, IDAT, IEND, each with its CRC-32) written here, following the PNG
/// specification (ISO/IEC 15948, sections 5 and 11).
///
/// Hand-written on purpose (issue 15): libpng's writer spent 64 % of a conv2d run's
/// instructions in zlib, and libdeflate gives smaller streams in the same time. Its proof
/// lives beside it: `PNGWriterTests` (LessonLibraryTests) decodes every PNG it writes with
/// libpng and compares the pixels with Cairo's surface, and `lesson-bench png` compares it
/// with libpng on the same frames. The measurements behind the settings are at
/// `Settings.standard`; buffers and compressors are reused between frames (`PNGWorkspace`).
public enum PNGWriter {
    /// A row filter and a libdeflate level.
    public struct Settings: Sendable, CustomStringConvertible {
        /// One PNG filter type for every row (0 none, 1 sub, 2 up, 3 average, 4 Paeth), or nil
        /// to choose per row the filter of smallest sum of |filtered byte| among `candidates`.
        public var filter: Int32?
        /// The filter types tried per row when `filter` is nil.
        public var candidates: [Int32]
        /// libdeflate's compression level, 1 (fastest) to 12 (smallest).
        public var level: Int32

        public init(filter: Int32?, candidates: [Int32] = [0, 1, 2, 3, 4], level: Int32) {
            precondition(filter.map { (0...4).contains($0) } ?? true, "PNG filter types are 0 to 4, not \(filter!)")
            precondition(candidates.allSatisfy { (0...4).contains($0) } && !candidates.isEmpty, "PNG filter candidates \(candidates)")
            precondition((1...12).contains(level), "libdeflate levels are 1 to 12, not \(level)")
            self.filter = filter
            self.candidates = candidates
            self.level = level
        }

        /// What the writer uses: no filter, level 4. Measured by `lesson-bench png` on the 76
        /// frames of conv2d, optimizers, cnn and mlp (issue 15), four runs on a busy 2-core
        /// machine, CPU ms a frame: libpng before (no filter, zlib 3) 0.1365 bytes a pixel,
        /// 8.27 / 8.66 / 7.49 / 8.25 ms; libdeflate with no filter at level 4 0.1303 (4.5 %
        /// smaller), 8.07 / 8.49 / 6.41 / 8.02 ms, faster in every run; level 5 0.1258 (8 %
        /// smaller), 8.30 / 8.44 / 7.38 / 7.40 ms, once slower; level 3 0.1309, 1 0.1420 (no
        /// faster than 3), 6 0.1249, 7 0.1222 (10–13 ms), 9 0.1204 (35–40 ms). Every filter is
        /// larger, and all but "up" slower, on these frames (level 5: sub 0.1474, up 0.1470,
        /// average 0.1730, Paeth 0.1401 at 14 ms, per row by the specification's heuristic
        /// 0.1374 at 42 ms): flat areas and antialiased text, which deflate matches best raw.
        public static let standard = Settings(filter: 0, level: 4)

        static let filterNames = ["none", "sub", "up", "average", "Paeth"]

        public var description: String {
            let rows = filter.map { Self.filterNames[Int($0)] }
                ?? "per row of " + candidates.map { Self.filterNames[Int($0)] }.joined(separator: "/")
            return "\(rows), level \(level)"
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
            let compressor = try workspace.compressor(level: settings.level)
            let bound = libdeflate_zlib_compress_bound(compressor, scanlineBytes)
            let stream = try workspace.streamBuffer(bound)
            let written = libdeflate_zlib_compress(compressor, scanlines, scanlineBytes, stream, bound)
            guard written > 0, written <= Int(UInt32.max >> 1) else {
                throw PNGError(message: "libdeflate could not compress a \(width)×\(height) PNG into its \(bound)-byte bound")
            }
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
