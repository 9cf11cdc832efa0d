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
    }
}
