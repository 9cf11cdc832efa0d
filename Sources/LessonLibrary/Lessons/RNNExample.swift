import Foundation
import LessonCore

/// What the rnn lesson reads from a variant: the network and sequence, the truncation, the
/// learning rate, the networks to compare for the vanishing gradient and the stated values.
///
/// Lesson file keys: `network` (see `RecurrentReader`), `truncate` (K ≥ 1, optional),
/// `learning-rate`, `compare` (a list of {label, W, hidden_activation} run on the same inputs),
/// `expected` (`loss`, `output`: ŷ⁽ᵀ⁾).
public struct RNNExample: LessonExample, RecurrentExample {
    /// The network.
    public var network: RecurrentNetwork
    /// x⁽¹⁾ … x⁽ᵀ⁾, s⁽⁰⁾ and the targets.
    public var sequence: RecurrentSequence
    /// K, or nil for full BPTT.
    public var truncation: Int?
    /// η of the update.
    public var learningRate: Double
    /// Other recurrent matrices and activations to measure the vanishing gradient with.
    public var comparisons: [VanishingComparison]
    /// Stated values to check.
    public var statedLoss: Double?
    public var statedOutput: [Double]?

    /// A labelled variation of the network for the vanishing-gradient comparison.
    public struct VanishingComparison {
        /// "tanh, small W".
        public var label: String
        /// The network with its W and φ₁.
        public var network: RecurrentNetwork
    }

    /// The keys an rnn variant may hold.
    public static let keys = ["network", "truncate", "learning-rate", "compare"]

    /// Reads a variant of `lessons/rnn.yaml`.
    public init(_ variant: LessonVariant) throws {
        try variant.rejectUnknownKeys(allowed: Self.keys)
        (network, sequence) = try RecurrentReader.readRNN(try variant.require("network", expected: "the network: U, W, V, inputs, loss and target"))
        truncation = try RecurrentReader.truncation(variant["truncate"])
        let rate = variant["learning-rate"]
        learningRate = try rate?.double() ?? 0.1
        if let rate, !(learningRate > 0) { throw rate.error("the learning rate must be above 0, got \(Notation.number(learningRate))") }
        comparisons = []
        if let list = variant["compare"] {
            for item in try list.items() {
                try item.rejectUnknownKeys(allowed: ["label", "W", "hidden_activation"])
                var other = network
                if let w = item["W"] { other.W = try w.matrix() }
                other.hiddenActivation = try RecurrentReader.activation(item["hidden_activation"], default: network.hiddenActivation)
                do {
                    other = try RecurrentNetwork(U: other.U, W: other.W, V: other.V, b: other.b, c: other.c,
                                                 hiddenActivation: other.hiddenActivation, outputActivation: other.outputActivation,
                                                 loss: other.loss)
                } catch let error as RecurrentShapeError { throw (item[error.key] ?? item).error(error.message) }
                let label = try item.require("label", expected: "a short name for the curve, such as 'tanh, small W'").string()
                comparisons.append(VanishingComparison(label: label, network: other))
            }
        }
        if let expected = variant["expected"] {
            try expected.rejectUnknownKeys(allowed: ["loss", "output"])
            statedLoss = try expected["loss"]?.double()
            statedOutput = try expected["output"]?.vector()
        }
    }

    /// The example with the command line's options applied: another network file, a truncation,
    /// a learning rate. A new network drops the stated values and the comparisons.
    public func applying(networkFile: String?, truncate: Int?, learningRate: Double?) throws -> RNNExample {
        var result = self
        if let networkFile {
            try result.load(networkFile: networkFile)
            result.comparisons = []
        }
        if let truncate { result.truncation = try MatrixArgument.truncation(truncate) }
        if let learningRate { result.learningRate = try MatrixArgument.learningRate(learningRate) }
        return result
    }

    /// Reads a network file's cell and sequence.
    static func read(_ document: YAMLValue) throws -> (RecurrentNetwork, RecurrentSequence) { try RecurrentReader.readRNN(document) }
}
