import Foundation
import LessonCore
import LessonFigures
import LessonLibrary

/// Issue 8: `lesson run cnn` with all 11 figures written, and the core (forward, backward and
/// the finite-difference check of every parameter) on a 28×28 MNIST-sized image.
enum CNNBenchmark {
    static func run(directory: LessonDirectory) throws {
        let out = scratchFolder("cnn")
        defer { try? FileManager.default.removeItem(at: out) }
        try measure("cnn: load, trace, check 47 parameters, render and write 11 PNG", repetitions: 10) {
            let file = try directory.load("cnn")
            let output = try CNNLesson.run(file, variant: try file.variant(nil))
            _ = try FigureOutput.write(output.figures, to: out, options: RenderOptions())
        }
        // 28×28 image, 4 filters 3×3 → 4@26×26 → pool 2×2 → 4@13×13 → 676 → 10 classes.
        let pixels: [Double] = (0..<784).map { (i: Int) -> Double in Double((i * 7919) % 255) / 255 }
        let image = Tensor(shape: [28, 28], scalars: pixels)
        let filters = (0..<4).map { k -> Tensor in
            let weights: [Double] = (0..<9).map { (i: Int) -> Double in Double(((i + k) * 37) % 7 - 3) / 10 }
            return Tensor(shape: [3, 3], scalars: weights)
        }
        let denseWeights: [Double] = (0..<6760).map { (i: Int) -> Double in Double((i * 31) % 11 - 5) / 100 }
        let dense = Tensor(shape: [10, 676], scalars: denseWeights)
        let network = try SmallCNN(filters: filters, biases: [0.1, -0.1, 0.05, 0], denseWeights: dense,
                                   denseBias: Array(repeating: 0, count: 10))
        var target = Array(repeating: 0.0, count: 10)
        target[3] = 1
        try measure("cnn: 28×28, 4 filters, 10 classes: forward and backward with traces", repetitions: 10) {
            let forward = try network.forward(image, target: target)
            _ = try network.backward(forward, target: target)
        }
        let backward = try network.backward(try network.forward(image, target: target), target: target)
        try measure("cnn: 28×28: finite-difference check of all \(network.parameterCount) parameters", repetitions: 1) {
            _ = try network.gradientCheck(image, target: target, backward: backward)
        }
    }
}
