import CPNG
import Foundation
import LessonCore
import LessonFigures
import LessonLibrary

/// Issue 15: `PNGWriter` (CRowDeflate, our deflate encoder for scanlines, with our row filters
/// and chunks) against libdeflate (the encoder before it) and libpng (the writer before that)
/// on the same frames, the default examples of conv2d, optimizers, cnn and
/// mlp drawn by Cairo once: CPU milliseconds a frame and PNG bytes a pixel, for libpng at its
/// old and at larger zlib levels and for our writer with each deflater and filter tried. The settings run in
/// turn within each pass, so a busy machine slows them alike; the median pass is printed.
enum PNGBenchmark {
    /// One writer at one setting.
    struct Writer {
        var name: String
        var encode: (_ pixels: UnsafeRawPointer, _ width: Int, _ height: Int) throws -> [UInt8]
    }

    /// Drawn frames as Cairo left them: opaque native-endian ARGB words, row by row.
    struct Frame { var width: Int; var height: Int; var argb: [UInt32] }

    static let lessons = ["conv2d", "optimizers", "cnn", "mlp"]

    static func libpng(filter: Int32, _ filterName: String, level: Int32) -> Writer {
        Writer(name: "libpng + zlib: \(filterName), level \(level)") { pixels, width, height in
            try LibpngWriter.encode(argb: pixels, width: width, height: height, rowBytes: width * 4, filters: filter, level: level)
        }
    }

    static func ours(_ settings: PNGWriter.Settings) -> Writer {
        let standard = settings.description == PNGWriter.Settings.standard.description
        return Writer(name: "PNGWriter: \(settings)\(standard ? " [standard]" : "")") { pixels, width, height in
            try PNGWriter.encode(argb: pixels, width: width, height: height, rowBytes: width * 4, settings: settings)
        }
    }

    /// The writers compared: libpng before issue 15 (no filter, level 3) and at larger levels;
    /// ours with CRowDeflate, with no filter (the standard) and with each filter and the per-row
    /// choice; and ours with libdeflate at each level with no filter.
    static var writers: [Writer] {
        [libpng(filter: Int32(PNG_FILTER_NONE), "none", level: 3), libpng(filter: Int32(PNG_FILTER_NONE), "none", level: 6),
         libpng(filter: Int32(PNG_FILTER_NONE), "none", level: 9), libpng(filter: Int32(PNG_FILTER_UP), "up", level: 3)]
            + [ours(.standard)] + (1...4).map { ours(PNGWriter.Settings(filter: $0, deflater: .rows)) }
            + [ours(PNGWriter.Settings(filter: nil, deflater: .rows)),
               ours(PNGWriter.Settings(filter: nil, candidates: [0, 1, 2], deflater: .rows))]
            + [1, 3, 4, 5, 6, 7, 8, 9].map { ours(PNGWriter.Settings(filter: 0, deflater: .libdeflate(level: $0))) }
    }

    /// The default example's frames of each of `lessons`, drawn with the default options.
    static func frames(directory: LessonDirectory, lessons: [String] = lessons) throws -> [Frame] {
        try lessons.flatMap { id -> [Frame] in
            guard let lesson = LessonRegistry.lesson(id) else { throw InputError("no lesson \(id)") }
            let file = try directory.load(id)
            return try lesson.run(file, variant: try file.variant(nil)).figures.map { figure in
                let (width, height, argb) = try FigureRenderer.surface(for: figure, options: RenderOptions()).pixels()
                return Frame(width: width, height: height, argb: argb)
            }
        }
    }

    static func run(directory: LessonDirectory) throws {
        let frames = try frames(directory: directory)
        let pixels = frames.reduce(0) { $0 + $1.width * $1.height }
        let writers = writers
        // Bytes a pixel from one run (the output is the same every run), then CPU time per pass.
        let bytes = try writers.map { writer in try frames.reduce(0) { $0 + (try encode($1, with: writer)).count } }
        var passes = [[Double]](repeating: [], count: writers.count)
        for _ in 0..<3 {
            for (index, writer) in writers.enumerated() {
                let start = cpuMilliseconds()
                for frame in frames { _ = try encode(frame, with: writer) }
                passes[index].append((cpuMilliseconds() - start) / Double(frames.count))
            }
        }
        print("png: \(frames.count) frames of \(lessons.joined(separator: ", ")) (\(pixels) pixels); CPU ms a frame, median of 3 passes")
        for (index, writer) in writers.enumerated() {
            let cpu = passes[index].sorted()[1]
            let name = writer.name.padding(toLength: max(writer.name.count, 72), withPad: " ", startingAt: 0)
            print("png: " + name + String(format: " %7.2f ms a frame  %.4f bytes a pixel", cpu, Double(bytes[index]) / Double(pixels)))
        }
    }

    static func encode(_ frame: Frame, with writer: Writer) throws -> [UInt8] {
        try frame.argb.withUnsafeBytes { try writer.encode($0.baseAddress!, frame.width, frame.height) }
    }
}
