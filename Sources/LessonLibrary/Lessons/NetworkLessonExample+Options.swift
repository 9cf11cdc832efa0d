import ArgumentParser
import Foundation
import LessonCore

/// The options of the network lessons: another network file, input or target.
public struct NetworkOptions: LessonOptions {
    @Option(parsing: .unconditional, help: ArgumentHelp("A YAML file whose top level holds 'network:' (input, target, loss, l2, layers).", valueName: "file")) var network: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Another input vector, such as \"0.5 -1\".", valueName: "vector")) var input: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Another target vector, such as \"1\".", valueName: "vector")) var target: String?

    public init() {}

    /// Applies the options; the stated loss and output describe the file's network, so they go.
    public func apply(to lesson: inout NetworkLessonExample) throws -> Bool {
        if let network {
            lesson.example = try NetworkReader.load(URL(fileURLWithPath: network), displayName: network)
        }
        if input != nil || target != nil {
            let x = try input.map { try MatrixArgument.vector($0, option: "--input") } ?? lesson.example.input
            let y = try target.map { try MatrixArgument.vector($0, option: "--target") } ?? lesson.example.target
            do {
                lesson.example = try NetworkExample(network: lesson.example.network, input: x, target: y)
            } catch let error as NetworkShapeError {
                throw InputError("\(error.key == "input" ? "--input" : "--target"): \(error.message)")
            }
        }
        let changed = network != nil || input != nil || target != nil
        if changed {
            lesson.statedLoss = nil
            lesson.statedOutput = nil
        }
        return changed
    }
}

/// The network options and the learning rate of the gradient-descent step.
public struct NetworkStepOptions: LessonOptions {
    @OptionGroup var network: NetworkOptions
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The learning rate α of the gradient-descent step.", valueName: "α"), transform: FiniteNumber.parse) var learningRate: Double?
    @Option(parsing: .unconditional, help: ArgumentHelp("lesson (w_ij into unit i, input = layer 0) or seed (seed 000's w_ij from unit i to unit j, input = layer 1): also writes every δ and gradient that way.", valueName: "indexing")) var indexing: String?

    public init() {}

    public func apply(to lesson: inout NetworkLessonExample) throws -> Bool {
        if let learningRate { lesson.learningRate = try MatrixArgument.learningRate(learningRate) }
        if let indexing {
            guard indexing == "seed" || indexing == "lesson" else { throw InputError("--indexing \(indexing): expected lesson or seed") }
            lesson.seedIndexing = indexing == "seed"
        }
        let changed = try network.apply(to: &lesson)
        // A new α makes the run custom: the lesson file's description states its own α.
        return changed || learningRate != nil
    }
}

extension MLPLesson {
    public typealias Options = NetworkOptions
    public static let abstract = "The forward pass of a multilayer perceptron: every unit term by term, and the loss."
    public static let discussion = """
        Without options, runs the notes' 2 → 4 → 4 → 1 tanh regression network (seeds/004); \
        --variant classification runs its 6-class softmax version. --network FILE runs any \
        network file (the 'network:' block of a lesson file).
        """
    public static let customTitle: String? = "MLP forward pass"
}

extension BackpropLesson {
    public typealias Options = NetworkStepOptions
    public static let abstract = "Backpropagation: δ layer by layer, every gradient, one descent step and a gradient check."
    public static let discussion = """
        Without options, runs the notes' 2 → 4 → 4 → 1 tanh network backward; variants: \
        classification (softmax + cross-entropy), by-hand (2 → 2 → 1 sigmoid), by-hand-mse, l2. \
        --network FILE runs any YAML file holding 'network:' (input, target, loss, l2, layers).
        """
    public static let customTitle: String? = "Backpropagation"
}
