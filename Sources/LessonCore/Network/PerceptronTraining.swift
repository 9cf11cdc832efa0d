/// The perceptron learning rule, wᵢ ← wᵢ + α(y − h)xᵢ with x₀ = 1, applied sample by sample,
/// epoch after epoch, until an epoch makes no mistake or `maxEpochs` have run.
///
/// Decisions, zeros and cycles are judged up to round-off (`RoundOff`), so the run
/// is the one the numbers as written give: with α = 0.1 the same decisions as with α = 1.
///
/// On linearly separable data (AND, OR) it converges; on XOR no weights separate the classes,
/// and the trace shows the weights returning to an earlier epoch's, a cycle that never ends.
public struct PerceptronTraining: Equatable, Sendable {
    /// The training set, in the order each epoch visits it.
    public var samples: [TruthTableRow]
    /// w₀, w₁, … at the start.
    public var initialWeights: [Double]
    /// α.
    public var learningRate: Double
    /// The most epochs to run.
    public var maxEpochs: Int

    /// Creates a training run; throws if the sizes or numbers do not fit.
    public init(samples: [TruthTableRow], initialWeights: [Double], learningRate: Double, maxEpochs: Int) throws {
        guard !samples.isEmpty else { throw InputError("the perceptron needs at least one training sample") }
        for (n, sample) in samples.enumerated() where sample.inputs.count + 1 != initialWeights.count {
            throw InputError("sample \(n + 1) has \(sample.inputs.count) inputs but the weights w₀…w\(NetworkNotation.lowered(initialWeights.count - 1)) expect \(initialWeights.count - 1)")
        }
        for (n, sample) in samples.enumerated() where sample.output != 0 && sample.output != 1 {
            throw InputError("sample \(n + 1) has the target \(Notation.number(sample.output)); a threshold unit's targets are 0 or 1")
        }
        guard learningRate > 0, learningRate.isFinite else { throw InputError("the learning rate must be above 0, got \(Notation.number(learningRate))") }
        guard maxEpochs >= 1 else { throw InputError("the number of epochs must be 1 or more, got \(maxEpochs)") }
        self.samples = samples
        self.initialWeights = initialWeights
        self.learningRate = learningRate
        self.maxEpochs = maxEpochs
    }

    /// Runs the rule and records every sample of every epoch.
    public func run() -> PerceptronTrace {
        var unit = ThresholdUnit(weights: initialWeights)
        var epochs: [PerceptronTrace.Epoch] = []
        var starts: [[Double]] = []
        var cycle: PerceptronTrace.Cycle?
        let largestStep = learningRate * samples.flatMap(\.inputs).reduce(1) { max($0, abs($1)) }
        for epoch in 1...maxEpochs {
            if let earlier = starts.firstIndex(where: { Self.sameWeights($0, unit.weights, largestStep: largestStep) }) {
                cycle = .init(epoch: epoch, repeatsEpoch: earlier + 1)
                break
            }
            starts.append(unit.weights)
            var steps: [PerceptronTrace.Step] = []
            for sample in samples {
                let before = unit.weights
                let h = unit.output(sample.inputs)
                let error = sample.output - h
                let x = [1.0] + sample.inputs
                var after = before
                for i in after.indices {
                    // A weight the step brings within round-off of 0 is 0, as written: 0.09 − 0.09
                    // after other steps can leave −2.8·10⁻¹⁷, which a sum w₀ + w₁·0 would keep.
                    let change = learningRate * error * x[i]
                    let sum = after[i] + change
                    after[i] = RoundOff.zeroed(sum, size: abs(after[i]) + abs(change))
                }
                unit = ThresholdUnit(weights: after)
                let text: String
                if error == 0 {
                    text = "x = (\(sample.inputs.map { Notation.number($0) }.joined(separator: ", "))), y = \(Notation.number(sample.output)): \(ThresholdUnit(weights: before).sumText(sample.inputs)) → h = \(Notation.number(h)), correct, w unchanged"
                } else {
                    let changes = x.indices.map { "w\(NetworkNotation.lowered($0)) = \(Notation.number(before[$0])) + \(Notation.factor(learningRate))×\(Notation.factor(error))×\(Notation.factor(x[$0])) = \(Notation.number(after[$0]))" }
                    text = "x = (\(sample.inputs.map { Notation.number($0) }.joined(separator: ", "))), y = \(Notation.number(sample.output)): \(ThresholdUnit(weights: before).sumText(sample.inputs)) → h = \(Notation.number(h)), wrong: " + changes.joined(separator: ", ")
                }
                steps.append(.init(inputs: sample.inputs, target: sample.output, sum: ThresholdUnit(weights: before).sum(sample.inputs),
                                   output: h, before: before, after: after, text: text))
            }
            epochs.append(.init(number: epoch, steps: steps))
            if steps.allSatisfy({ $0.output == $0.target }) { break }
        }
        let converged = epochs.last.map { $0.mistakes == 0 } ?? false
        return PerceptronTrace(learningRate: learningRate, initialWeights: initialWeights, epochs: epochs,
                               finalWeights: unit.weights, converged: converged, cycle: cycle)
    }

    /// Whether two epochs start with the same weights, up to round-off: |aᵢ − bᵢ| ≤ 10⁻¹⁰ times the
    /// largest weight or step α·|xᵢ| (x₀ = 1) involved. The rule's updates undo each other only up
    /// to round-off (−0.73 + 0.55 − 0.55 is −0.7300000000000001), so exact equality found a cycle
    /// an epoch late, or never.
    static func sameWeights(_ a: [Double], _ b: [Double], largestStep: Double) -> Bool {
        let scale = max(largestStep, a.reduce(0) { max($0, abs($1)) }, b.reduce(0) { max($0, abs($1)) })
        return zip(a, b).allSatisfy { abs($0 - $1) <= RoundOff.relative * scale }
    }
}

/// What the perceptron rule did, epoch by epoch.
public struct PerceptronTrace: Equatable, Codable, Sendable {
    /// α.
    public var learningRate: Double
    /// w at the start.
    public var initialWeights: [Double]
    /// Every epoch run.
    public var epochs: [Epoch]
    /// w at the end.
    public var finalWeights: [Double]
    /// Whether the last epoch made no mistake.
    public var converged: Bool
    /// Set when an epoch started with the weights of an earlier one: the rule cycles forever.
    public var cycle: Cycle?

    /// One pass over the samples.
    public struct Epoch: Equatable, Codable, Sendable {
        /// 1-based.
        public var number: Int
        /// One step per sample, in order.
        public var steps: [Step]
        /// Samples the unit got wrong in this epoch.
        public var mistakes: Int { steps.filter { $0.output != $0.target }.count }
    }

    /// One sample: h, and the weights before and after the rule.
    public struct Step: Equatable, Codable, Sendable {
        /// x₁, …, xₙ (x₀ = 1 is implied).
        public var inputs: [Double]
        /// y.
        public var target: Double
        /// w·x with the weights before the step.
        public var sum: Double
        /// h = 1 if the sum is ≥ 0, else 0.
        public var output: Double
        /// w before and after the rule.
        public var before: [Double]
        public var after: [Double]
        /// The step written out.
        public var text: String
    }

    /// Epoch `epoch` would start with the same weights as epoch `repeatsEpoch` did.
    public struct Cycle: Equatable, Codable, Sendable {
        /// The epoch that would repeat.
        public var epoch: Int
        /// The earlier epoch with the same starting weights.
        public var repeatsEpoch: Int
    }
}
