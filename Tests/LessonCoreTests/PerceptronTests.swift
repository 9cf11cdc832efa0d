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

    @Test func xorWithOneHiddenLayerOfThresholdUnits() throws {
        let network = try Network(layers: [
            Layer(weights: Tensor(rows: [[1, -1], [-1, 1]]), bias: [-0.5, -0.5], activation: .step),
            Layer(weights: Tensor(rows: [[1, 1]]), bias: [-0.5], activation: .step),
        ], loss: .mse)
        for row in Self.xor { #expect(try network.forward(row.inputs).output == [row.output], "\(row.inputs)") }
    }
}
