import Foundation
import LessonCore

/// What the lstm lesson reads from a variant: the cell and sequence, the truncation, the learning
/// rate and the stated values. Lesson file keys: `network` (see `RecurrentReader`), `truncate`
/// (K ≥ 1, optional), `learning-rate`, `expected` (`loss`, `output`: ŷ⁽ᵀ⁾).
public struct LSTMExample: LessonExample, RecurrentExample {
    /// The cell.
    public var network: LSTMNetwork
    /// x⁽¹⁾ … x⁽ᵀ⁾, s⁽⁰⁾ and the targets.
    public var sequence: RecurrentSequence
    /// K, or nil for full BPTT.
    public var truncation: Int?
    /// η of the update.
    public var learningRate: Double
    /// Stated values to check.
    public var statedLoss: Double?
    public var statedOutput: [Double]?

    /// The keys an lstm variant may hold.
    public static let keys = ["network", "truncate", "learning-rate"]

    /// Reads a variant of `lessons/lstm.yaml`.
    public init(_ variant: LessonVariant) throws {
        try variant.rejectUnknownKeys(allowed: Self.keys)
        (network, sequence) = try RecurrentReader.readLSTM(try variant.require("network", expected: "the cell: W_f, W_i, W_s, W_o, biases, inputs and target"))
        truncation = try RecurrentReader.truncation(variant["truncate"])
        let rate = variant["learning-rate"]
        learningRate = try rate?.double() ?? 0.1
        if let rate, !(learningRate > 0) { throw rate.error("the learning rate must be above 0, got \(Notation.number(learningRate))") }
        if let expected = variant["expected"] {
            try expected.rejectUnknownKeys(allowed: ["loss", "output"])
            statedLoss = try expected["loss"]?.double()
            statedOutput = try expected["output"]?.vector()
        }
    }

    /// The example with the command line's options applied: another network file, a truncation,
    /// a learning rate. A new network drops the stated values.
    public func applying(networkFile: String?, truncate: Int? = nil, learningRate: Double?) throws -> LSTMExample {
        var result = self
        if let networkFile { try result.load(networkFile: networkFile) }
        if let truncate { result.truncation = try MatrixArgument.truncation(truncate) }
        if let learningRate { result.learningRate = try MatrixArgument.learningRate(learningRate) }
        return result
    }

    /// Reads a network file's cell and sequence.
    static func read(_ document: YAMLValue) throws -> (LSTMNetwork, RecurrentSequence) { try RecurrentReader.readLSTM(document) }
}
