import Foundation
import LessonCore
import LessonFigures
import LessonLibrary

/// Issue 3 (conv1d, conv2d-modes, conv-arithmetic, conv-channels): each lesson's example with
/// all its figures written, and the multi-channel layer's trace on a larger input.
enum ConvLessonsBenchmark {
    static func run(directory: LessonDirectory) throws {
        let out = scratchFolder("conv-lessons")
        defer { try? FileManager.default.removeItem(at: out) }
        let lessons: [any Lesson.Type] = [Conv1DLesson.self, Conv2DModesLesson.self, ConvArithmeticLesson.self,
                                          ConvChannelsLesson.self]
        for lesson in lessons {
            let file = try directory.load(lesson.id)
            let count = try lesson.run(file, variant: try file.variant(nil)).figures.count
            try measure("\(lesson.id): load, trace, render and write \(count) PNG", repetitions: 5) {
                let output = try lesson.run(file, variant: try file.variant(nil))
                _ = try FigureOutput.write(output.figures, to: out, options: RenderOptions())
            }
        }
        var seed: UInt64 = 1
        func next() -> Double {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(Int(seed >> 60)) - 8
        }
        let input = Tensor(shape: [3, 64, 64], scalars: (0..<(3 * 64 * 64)).map { _ in next() })
        let filters = (0..<16).map { _ in Tensor(shape: [3, 3, 3], scalars: (0..<27).map { _ in next() }) }
        let layer = MultiChannelConv2D(filters: filters, biases: Array(repeating: 0, count: 16), padding: Pair2(1))
        try measure("conv-channels: trace a 3×64×64 input through 16 filters (every term kept)", repetitions: 3) {
            _ = try layer.forward(input)
        }
    }
}
