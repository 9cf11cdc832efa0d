import Foundation
import LessonCore

/// What the mlp and backprop lessons read from a variant: the network and the learning rate.
public struct NetworkLessonExample: LessonExample, StatedLossAndOutput {
    /// The network with its input and target.
    public var example: NetworkExample
    /// α of the gradient-descent step.
    public var learningRate: Double
    /// Stated values to check: the loss and the output.
    public var statedLoss: Double?
    public var statedOutput: [Double]?
    /// The seed and scale of a random initialisation that replaced the file's weights, if any.
    public var initialization: (seed: UInt64, scale: Double)?
    /// Whether to also write every δ and gradient in seed 000's indexing (w_ij from unit i to unit j, input = layer 1).
    public var seedIndexing = false

    /// The keys a network lesson's variant may hold.
    public static let keys = ["network", "learning-rate", "initialization", "indexing"]

    /// Reads a variant of a network lesson file.
    public init(_ variant: LessonVariant) throws {
        try variant.rejectUnknownKeys(allowed: Self.keys)
        example = try NetworkReader.read(try variant.require("network", expected: "the network: input, target, loss and layers"))
        let rate = variant["learning-rate"]
        learningRate = try rate?.double() ?? 0.1
        if let rate, !(learningRate > 0) { throw rate.error("the learning rate must be above 0, got \(Notation.number(learningRate))") }
        if let value = variant["initialization"] {
            try value.rejectUnknownKeys(allowed: ["seed", "scale"])
            let seed = try value.require("seed", expected: "the seed of the random weights, such as 1").int()
            let scale = try value["scale"]?.double() ?? 0.5
            guard seed >= 0, scale > 0, scale.isFinite else { throw value.error("initialization needs a seed ≥ 0 and a scale above 0") }
            try randomize(seed: UInt64(seed), scale: scale)
        }
        if let value = variant["indexing"] {
            let name = try value.string()
            guard name == "seed" || name == "lesson" else { throw value.error("indexing must be lesson or seed, got '\(name)'") }
            seedIndexing = name == "seed"
        }
        if let expected = variant["expected"] {
            try expected.rejectUnknownKeys(allowed: ["loss", "output"])
            statedLoss = try expected["loss"]?.double()
            statedOutput = try expected["output"]?.vector()
        }
    }

    /// Replaces every weight by a uniform draw from [−scale, scale] (SplitMix64, seeded) and every bias by 0.
    public mutating func randomize(seed: UInt64, scale: Double) throws {
        example = try NetworkExample(network: example.network.randomlyInitialized(seed: seed, scale: scale),
                                     inputs: example.inputs, targets: example.targets)
        initialization = (seed, scale)
    }

    /// An example given directly (a `--network` file).
    public init(example: NetworkExample, learningRate: Double) {
        self.example = example
        self.learningRate = learningRate
    }

    /// The stated values that the recomputation does not give, at the precision they are written
    /// (a value written with 6 decimals must agree to half a unit of the sixth).
    func mismatches(loss: Double, output: [Double]) -> [Mismatch] {
        StatedPrecision.mismatches(statedLoss: statedLoss, loss: loss, lossName: "loss", statedOutput: statedOutput, output: output,
                                   lengthName: "output length") { "a⁽ᴸ⁾" + NetworkNotation.lowered($0 + 1) }
    }
}
