import Foundation
import LessonFigures
import LessonLibrary

/// Issue 2: `lesson run conv2d` on the example with all frames written.
enum Conv2DBenchmark {
    static func run(directory: LessonDirectory) throws {
        try measureLessonRun(Conv2DLesson.self, directory: directory, label: "conv2d: load, trace, render and write 10 PNG")
        let file = try directory.load("conv2d")
        let conv = try Conv2DLesson.run(file, variant: try file.variant(nil))
        try measure("conv2d: render one frame to PNG bytes", repetitions: 50) {
            _ = try FigureRenderer.render(conv.figures[0], options: RenderOptions())
        }
        try measure("conv2d: draw one frame (no encoding)", repetitions: 50) {
            _ = try FigureRenderer.surface(for: conv.figures[0], options: RenderOptions())
        }
        // Issue 15's size row: PNG bytes per pixel of the example's frames (matplotlib: 0.056).
        var bytes = 0, pixels = 0
        for figure in conv.figures {
            let png = try FigureRenderer.render(figure, options: RenderOptions())
            // IHDR's width and height: big-endian words at bytes 16 and 20 of every PNG.
            let word = { (at: Int) in png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
            bytes += png.count
            pixels += word(16) * word(20)
        }
        print(String(format: "conv2d: PNG size of the %d frames                    %d bytes, %d pixels, %.4f bytes a pixel",
                     conv.figures.count, bytes, pixels, Double(bytes) / Double(max(1, pixels))))
        runMatplotlibComparison(root: directory.url.deletingLastPathComponent())
    }

    /// The same frames drawn by matplotlib (conv2d_matplotlib.py beside this file), which
    /// prints its own line, or says it was skipped when matplotlib is not installed.
    static func runMatplotlibComparison(root: URL) {
        fflush(nil) // our lines first, then the script's
        let script = root.appendingPathComponent("Sources/LessonBench/conv2d_matplotlib.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            print("conv2d matplotlib: python3 could not be started (\(error)); skipped")
        }
    }
}
