import Foundation
import LessonCore
import LessonFigures
import LessonLibrary

/// Issue 5: `lesson run backprop` on the notes' network, and the core passes on a larger one.
enum NetworkBenchmark {
    static func run(directory: LessonDirectory) throws {
        try measureLessonRun(BackpropLesson.self, directory: directory, label: "backprop: load, trace, check, render and write 8 PNG")
        // A 32 → 64 → 64 → 10 softmax network: forward, backward and the full gradient check.
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let sizes = [32, 64, 64, 10]
        let layers = (1..<sizes.count).map { l in
            Layer(weights: Tensor(shape: [sizes[l], sizes[l - 1]], scalars: (0..<(sizes[l] * sizes[l - 1])).map { _ in next() * 0.3 }),
                  bias: (0..<sizes[l]).map { _ in next() * 0.1 }, activation: l == sizes.count - 1 ? .softmax : .tanh)
        }
        let network = try Network(layers: layers, loss: .crossEntropy)
        let input = (0..<32).map { _ in next() }
        var target = Array(repeating: 0.0, count: 10)
        target[3] = 1
        try measure("backprop: forward + backward with every line written, 32 → 64 → 64 → 10", repetitions: 20) {
            _ = try network.backward(try network.forward(input), target: target)
        }
        let backward = try network.backward(try network.forward(input), target: target)
        measure("backprop: central-difference check of all \(network.parameterCount) parameters", repetitions: 1) {
            _ = network.gradientCheck(input: input, target: target, backward: backward)
        }
    }
}
