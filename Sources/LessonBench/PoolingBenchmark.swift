import Foundation
import LessonCore
import LessonFigures
import LessonLibrary

/// Issue 4: `lesson run pooling --variant backward` with all frames written, and the core on a large input.
enum PoolingBenchmark {
    static func run(directory: LessonDirectory) throws {
        try measureLessonRun(PoolingLesson.self, variant: "backward", directory: directory, label: "pooling: load, trace, render and write 20 PNG")
        // A 224×224 feature map (an ImageNet-sized channel), max 2×2 stride 2, forward and backward.
        let input = Tensor(shape: [224, 224], scalars: (0..<(224 * 224)).map { Double(($0 * 7919) % 1000) / 10 })
        let pool = Pool2D(op: .max, size: Pair2(2))
        try measure("pooling: 224×224 max 2×2 forward with trace", repetitions: 10) {
            _ = try pool.forward(input)
        }
        let trace = try pool.forward(input)
        try measure("pooling: 224×224 max 2×2 backward with trace", repetitions: 10) {
            _ = try pool.backward(trace, upstream: trace.output)
        }
    }
}
