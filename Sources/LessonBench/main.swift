import Foundation
import LessonCore
import LessonFigures
import LessonLibrary

// Benchmarks print their figures; they are never tests. Run with:
//   swift run -c release lesson-bench

/// Runs `body` `repetitions` times after one warm-up and prints the median and best wall time.
func measure(_ name: String, repetitions: Int = 20, _ body: () throws -> Void) rethrows {
    try body()
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    print(String(format: "%-52@ median %8.2f ms   best %8.2f ms   (%d runs)", name as NSString, times[times.count / 2],
                 times[0], repetitions))
}

let directory = try LessonDirectory.locate()
let out = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lesson-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: out) }

// Issue 2: `lesson run conv2d` on the example with all frames written.
try measure("conv2d: load, trace, render and write 10 PNG") {
    let file = try directory.load("conv2d")
    let output = try Conv2DLesson.run(file, variant: try file.variant(nil))
    _ = try FigureOutput.write(output.figures, to: out.appendingPathComponent("conv2d"), options: RenderOptions())
}
let conv = try Conv2DLesson.run(try directory.load("conv2d"), variant: try directory.load("conv2d").variant(nil))
try measure("conv2d: render one frame to PNG bytes", repetitions: 50) {
    _ = try FigureRenderer.render(conv.figures[0], options: RenderOptions())
}
try measure("conv2d: draw one frame (no encoding)", repetitions: 50) {
    _ = try FigureRenderer.surface(for: conv.figures[0], options: RenderOptions())
}
