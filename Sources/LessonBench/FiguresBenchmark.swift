import Foundation
import LessonFigures
import LessonLibrary

/// Issue 7: `lesson figures`, all figures of all lessons, and one conv2d frame.
enum FiguresBenchmark {
    static func run(directory: LessonDirectory) throws {
        let out = scratchFolder("figures")
        defer { try? FileManager.default.removeItem(at: out) }
        for formats in [[FigureFormat.png], [.svg], [.pdf], [.png, .svg, .pdf]] {
            let options = FigureBatchOptions(formats: formats)
            var files = 0
            var times: [Double] = [], cpu: [Double] = []
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds, cpuStart = processCPUTime()
                let (jobs, _) = try FigureBatch.jobs(directory: directory)
                let report = try FigureBatch.render(jobs, root: out, options: options)
                try FigureBatch.writeIndex(report, root: out)
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                cpu.append((processCPUTime() - cpuStart) * 1000)
                files = report.records.count
            }
            times.sort()
            cpu.sort()
            let median = times[times.count / 2]
            let label = "figures: all lessons, " + formats.map(\.rawValue).joined(separator: "+")
            print(String(format: "%-56@ median %8.2f ms   best %8.2f ms   %d files, %.0f files/s, CPU %.0f ms (%.1f ms a file)",
                         label as NSString, median, times[0], files, Double(files) / (median / 1000), cpu[cpu.count / 2],
                         cpu[cpu.count / 2] / Double(files)))
        }
        // The optimizers' frames share their contour plot as a backdrop: each PNG frame starts
        // from a copy of it. Against the same frames drawing it themselves (same bytes).
        let optimizers = try directory.load("optimizers")
        let frames = try OptimizersLesson.run(optimizers, variant: try optimizers.variant(nil)).figures
        let whole = frames.map { figure -> Figure in
            var copy = figure
            copy.backdrop = nil
            copy.draw = { canvas in figure.drawWhole(on: canvas) }
            return copy
        }
        try measure("figures: optimizers' \(frames.count) frames, backdrop", repetitions: 3) {
            frames.forEach { $0.backdrop?.discardDrawn() }
            for frame in frames { _ = try FigureRenderer.render(frame, options: RenderOptions()) }
        }
        try measure("figures: the same frames, each drawing it", repetitions: 3) {
            for frame in whole { _ = try FigureRenderer.render(frame, options: RenderOptions()) }
        }

        let file = try directory.load("conv2d")
        let conv = try Conv2DLesson.run(file, variant: try file.variant(nil))
        for format in FigureFormat.allCases where !format.isDeck {
            try measure("figures: one conv2d frame to \(format.rawValue.uppercased()) bytes", repetitions: 50) {
                _ = try FigureRenderer.render(conv.figures[0], options: RenderOptions(format: format))
            }
        }
        let strip = Filmstrip.figure(from: conv.figures, title: file.title)
        if let strip {
            try measure("figures: conv2d filmstrip (9 tiles) to PNG bytes", repetitions: 10) {
                _ = try FigureRenderer.render(strip, options: RenderOptions())
            }
        }
    }
}

/// CPU time used by the whole process so far, in seconds (all threads): unlike wall time, it
/// hardly depends on what else the machine is running.
private func processCPUTime() -> Double {
    var usage = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &usage)
    return Double(usage.tv_sec) + Double(usage.tv_nsec) / 1e9
}
