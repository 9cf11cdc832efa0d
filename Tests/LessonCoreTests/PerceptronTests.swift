import Testing
@testable import LessonCore

@Suite struct PerceptronTests {
    static let and = [([0.0, 0], 0.0), ([0, 1], 0), ([1, 0], 0), ([1, 1], 1)].map { TruthTableRow(inputs: $0.0, output: $0.1) }
    static let or = [([0.0, 0], 0.0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 1)].map { TruthTableRow(inputs: $0.0, output: $0.1) }
    static let xor = [([0.0, 0], 0.0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)].map { TruthTableRow(inputs: $0.0, output: $0.1) }

    @Test func theNotesInequalitiesForAnAndUnit() {
        // w₀ < 0, w₀ < −w₂, w₀ < −w₁, w₀ ≥ −w₁ − w₂ hold for (−1.5, 1, 1).
        let check = ThresholdUnit(weights: [-1.5, 1, 1]).check(Self.and)
        #expect(check.allHold)
        #expect(check.lines[3].text == "w₀ + w₁·1 + w₂·1 = −1.5 + 1×1 + 1×1 = 0.5 ≥ 0: need ≥ 0 ✓")
        #expect(!ThresholdUnit(weights: [-0.5, 1, 1]).check(Self.and).allHold, "(−0.5, 1, 1) is OR, not AND")
    }

    /// A negative input is bracketed where it is named too (it read "w₁·−1").
    @Test func sumTextBracketsNegativeInputs() {
        #expect(ThresholdUnit(weights: [0.1, 0.2, -0.3]).sumText([-1, 0.3])
                == "w₀ + w₁·(−1) + w₂·0.3 = 0.1 + 0.2×(−1) + (−0.3)×0.3 = −0.19")
    }

    @Test(arguments: [("AND", PerceptronTests.and), ("OR", PerceptronTests.or)])
    func ruleConvergesOnSeparableGates(name: String, table: [TruthTableRow]) throws {
        let trace = try PerceptronTraining(samples: table, initialWeights: [0, 0, 0], learningRate: 1, maxEpochs: 50).run()
        #expect(trace.converged, "\(name)")
        #expect(ThresholdUnit(weights: trace.finalWeights).check(table).allHold, "\(name): \(trace.finalWeights)")
        #expect(trace.epochs.last?.mistakes == 0)
        // Each step applied w ← w + α(y − h)x.
        for step in trace.epochs.flatMap(\.steps) {
            let x = [1.0] + step.inputs
            #expect(step.after == zip(step.before, x).map { $0 + (step.target - step.output) * $1 })
        }
    }

    @Test func ruleCyclesOnXor() throws {
        let trace = try PerceptronTraining(samples: Self.xor, initialWeights: [0, 0, 0], learningRate: 1, maxEpochs: 50).run()
        #expect(!trace.converged)
        #expect(trace.cycle != nil)
        #expect(trace.epochs.allSatisfy { $0.mistakes > 0 })
    }

    /// From w = 0 every weight is α times a whole number, so α only scales the run: the same
    /// decisions, epochs and cycle as α = 1, every weight α times. With α = 0.1 on AND the sum
    /// −0.2 + 0.2×1 + 0.1×0 came out as −2.8·10⁻¹⁷ and h = 0: the run "converged" after 4 epochs
    /// to (−0.2, 0.2, 0.1), which outputs 1 for (1, 0), instead of (−0.3, 0.2, 0.1) after 6.
    @Test(arguments: [0.1, 0.2, 0.3, 0.7, 0.01, 0.05, 0.228, 0.954, 1.6])
    func learningRateOnlyScalesARunFromZero(rate: Double) throws {
        for (name, table) in [("AND", Self.and), ("OR", Self.or), ("XOR", Self.xor)] {
            let unit = try PerceptronTraining(samples: table, initialWeights: [0, 0, 0], learningRate: 1, maxEpochs: 50).run()
            let scaled = try PerceptronTraining(samples: table, initialWeights: [0, 0, 0], learningRate: rate, maxEpochs: 50).run()
            #expect(scaled.epochs.count == unit.epochs.count, "\(name), α = \(rate)")
            #expect(scaled.converged == unit.converged && scaled.cycle == unit.cycle, "\(name), α = \(rate)")
            for (a, b) in zip(scaled.epochs.flatMap(\.steps), unit.epochs.flatMap(\.steps)) {
                #expect(a.output == b.output, "\(name), α = \(rate): \(a.text)")
                #expect(zip(a.after, b.after).allSatisfy { agree($0, rate * $1) }, "\(name), α = \(rate): \(a.after) vs α·\(b.after)")
            }
        }
        let and = try PerceptronTraining(samples: Self.and, initialWeights: [0, 0, 0], learningRate: rate, maxEpochs: 50).run()
        #expect(zip(and.finalWeights, [-3, 2, 1]).allSatisfy { agree($0, rate * $1) }, "AND, α = \(rate): \(and.finalWeights)")
        #expect(ThresholdUnit(weights: and.finalWeights).check(Self.and).allHold, "AND, α = \(rate): \(and.finalWeights)")
    }

    /// −0.73 + 0.55 − 0.55 is −0.7300000000000001 in floating point: the second epoch starts with
    /// the first one's weights as written, and the cycle is found there, not an epoch later.
    @Test func cycleIsFoundWhenWeightsReturnUpToRoundOff() throws {
        let rows = [([1.0], 0.0), ([1], 1), ([1], 0)].map { TruthTableRow(inputs: $0.0, output: $0.1) }
        let trace = try PerceptronTraining(samples: rows, initialWeights: [-0.73, 0.3], learningRate: 0.55, maxEpochs: 40).run()
        #expect(trace.cycle == PerceptronTrace.Cycle(epoch: 2, repeatsEpoch: 1))
        #expect(trace.epochs.count == 1)
    }

    /// Property: the rule equals an exact run in whole numbers. Inputs are k/10, α = m/100 and
    /// the starting weights j/100, so every weight is a whole number of thousandths and every sum
    /// w·x a whole number of ten-thousandths: h = 1 exactly when that numerator is ≥ 0. Seeded
    /// cases with 1–3 inputs, on a 0/1 grid or not, separable or randomly labelled.
    @Test func ruleEqualsExactArithmetic() throws {
        for seed in UInt64(0)..<300 {
            var g = SeededShapes(seed: seed)
            let n = g.int(1...3), count = g.int(1...6)
            let grid = g.int(0...1) == 1
            let tenths = (0..<count).map { _ in (0..<n).map { _ in grid ? 10 * g.int(0...1) : g.int(-20...20) } }
            let line = (0...n).map { _ in g.int(-10...10) }
            let separable = g.int(0...2) > 0
            let targets = tenths.map { x in separable ? (line[0] * 10 + zip(line.dropFirst(), x).reduce(0) { $0 + $1.0 * $1.1 } >= 0 ? 1 : 0) : g.int(0...1) }
            let rate = g.int(1...150), start = (0...n).map { _ in g.int(0...2) == 0 ? 0 : g.int(-100...100) }
            let epochs = g.int(1...30)
            let rows = zip(tenths, targets).map { TruthTableRow(inputs: $0.map { Double($0) / 10 }, output: Double($1)) }
            let trace = try PerceptronTraining(samples: rows, initialWeights: start.map { Double($0) / 100 },
                                               learningRate: Double(rate) / 100, maxEpochs: epochs).run()
            // The exact run: w in thousandths, x in tenths (x₀ = 10 tenths), sums in ten-thousandths.
            var w = start.map { $0 * 10 }
            var seen: [[Int]] = [], steps: [(output: Int, after: [Int])] = []
            var cycle: PerceptronTrace.Cycle?, epochCount = 0
            for epoch in 1...epochs {
                if let earlier = seen.firstIndex(of: w) { cycle = .init(epoch: epoch, repeatsEpoch: earlier + 1); break }
                seen.append(w)
                epochCount += 1
                var mistakes = 0
                for (x, y) in zip(tenths, targets) {
                    let xs = [10] + x
                    let h = zip(w, xs).reduce(0) { $0 + $1.0 * $1.1 } >= 0 ? 1 : 0
                    w = zip(w, xs).map { $0 + rate * (y - h) * $1 }
                    if h != y { mistakes += 1 }
                    steps.append((h, w))
                }
                if mistakes == 0 { break }
            }
            let recorded = trace.epochs.flatMap(\.steps)
            #expect(trace.epochs.count == epochCount && trace.cycle == cycle, "seed \(seed): \(trace.epochs.count) epochs, cycle \(String(describing: trace.cycle)); exact \(epochCount), \(String(describing: cycle))")
            for (k, (a, b)) in zip(recorded, steps).enumerated() {
                #expect(a.output == Double(b.output), "seed \(seed), step \(k + 1): \(a.text)")
                #expect(zip(a.after, b.after).allSatisfy { agree($0, Double($1) / 1000) }, "seed \(seed), step \(k + 1): \(a.after) vs \(b.after)/1000")
            }
        }
    }

    /// 0.3·1 − 1.1·1 + 0.9·1 − 0.1 is 0, so the step gives 1; left to right in floating point it
    /// came out as −2.8·10⁻¹⁷ and the step 0 (the XOR network of a random lesson file, seed 2057
    /// of the differential checker). Units of other activations keep z as summed.
    @Test func stepUnitTakesARoundOffZeroAsZero() throws {
        let step = try Network(layers: [Layer(weights: Tensor(rows: [[0.3, -1.1, 0.9]]), bias: [-0.1], activation: .step)], loss: .mse)
        let unit = try step.forward([1, 1, 1]).layers[0]
        #expect(unit.z == [0] && unit.a == [1], "z = \(unit.z)")
        let linear = try Network(layers: [Layer(weights: Tensor(rows: [[0.3, -1.1, 0.9]]), bias: [-0.1], activation: .linear)], loss: .mse)
        #expect(try linear.forward([1, 1, 1]).layers[0].z == [0.3 - 1.1 + 0.9 - 0.1])
        #expect(ThresholdUnit(weights: [-0.1, 0.3, -1.1, 0.9]).output([1, 1, 1]) == 1)
    }

    @Test func xorWithOneHiddenLayerOfThresholdUnits() throws {
        let network = try Network(layers: [
            Layer(weights: Tensor(rows: [[1, -1], [-1, 1]]), bias: [-0.5, -0.5], activation: .step),
            Layer(weights: Tensor(rows: [[1, 1]]), bias: [-0.5], activation: .step),
        ], loss: .mse)
        for row in Self.xor { #expect(try network.forward(row.inputs).output == [row.output], "\(row.inputs)") }
    }
}
