import LessonTestSupport
import Foundation
import Testing
@testable import LessonCore

/// Backprop over a batch: J = (1/m)Σ L⁽ᵏ⁾ + (λ/2m)Σw², its gradient, and initialisation symmetry.
@Suite struct BatchBackwardTests {
    static func equalWeights() throws -> Network {
        try Network(layers: [Layer(weights: Tensor(rows: [[0.3, 0.3], [0.3, 0.3], [0.3, 0.3]]), bias: [0, 0, 0], activation: .tanh),
                             Layer(weights: Tensor(rows: [[0.3, 0.3, 0.3]]), bias: [0], activation: .linear)], loss: .mse)
    }

    /// EXAMPLES.md, "Equal initial weights": δ⁽¹⁾ = (−0.1036, −0.1036, −0.1036), identical for every unit;
    /// after an update the hidden units are still identical.
    @Test func equalWeightsGiveIdenticalDeltasThatStayIdentical() throws {
        let network = try Self.equalWeights()
        let batch = try network.batchBackward(inputs: [[1, 0.5]], targets: [[0.8]])
        let delta = batch.averageDeltas[0]
        #expect(delta.allSatisfy { abs($0 - -0.1036) < 5e-5 } && Set(delta).count == 1, "\(delta)")
        #expect(network.identicalUnits().map(\.units) == [[0, 1, 2]])
        var current = network
        for _ in 0..<5 {
            let trace = try current.batchBackward(inputs: [[1, 0.5], [-1, 2]], targets: [[0.8], [0.1]])
            current = current.batchStep(trace, learningRate: 0.1)
        }
        #expect(current.identicalUnits().map(\.units) == [[0, 1, 2]], "symmetry survives 5 batch updates")
        let random = network.randomlyInitialized(seed: 1, scale: 0.5)
        #expect(random.identicalUnits().isEmpty)
        #expect(random == network.randomlyInitialized(seed: 1, scale: 0.5), "the same seed gives the same weights")
        #expect(random.layers.allSatisfy { $0.weights.scalars.allSatisfy { abs($0) <= 0.5 } })
        let randomDelta = try random.batchBackward(inputs: [[1, 0.5]], targets: [[0.8]]).averageDeltas[0]
        #expect(Set(randomDelta).count == 3, "random weights give different δs: \(randomDelta)")
    }

    /// With m = 1 the batch gradient is `backward`'s, L2 term included (m = 1 in λ/2m).
    @Test func oneExampleIsTheSingleExampleBackward() throws {
        let network = try Network(layers: [Layer(weights: Tensor(rows: [[0.1, -0.2], [0.4, 0.3]]), bias: [0, 0.1], activation: .tanh),
                                           Layer(weights: Tensor(rows: [[0.5, -0.6]]), bias: [0.2], activation: .linear)], loss: .mse, l2: 0.2)
        let single = try network.backward(try network.forward([0.5, -1]), target: [1])
        let batch = try network.batchBackward(inputs: [[0.5, -1]], targets: [[1]])
        #expect(abs(batch.loss - single.loss.total) < 1e-15)
        for l in 0..<2 {
            #expect(zip(batch.gradWeights[l].scalars, single.layers[l].gradWeights.scalars).allSatisfy { abs($0 - $1) < 1e-15 })
            #expect(batch.gradBias[l] == single.layers[l].gradBias)
        }
    }

    /// Seeded random networks and batches: the batch gradient matches central differences of J.
    @Test(arguments: 1...12 as ClosedRange<UInt64>)
    func batchGradientMatchesFiniteDifferences(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let sizes = [random.int(1...3), random.int(1...4), random.int(1...2)]
        let activations: [Activation] = [.tanh, .sigmoid, .softplus]
        var layers: [Layer] = []
        for l in 1..<sizes.count {
            let weights = Tensor(shape: [sizes[l], sizes[l - 1]], scalars: (0..<(sizes[l] * sizes[l - 1])).map { _ in random.uniform(-1...1) })
            layers.append(Layer(weights: weights, bias: (0..<sizes[l]).map { _ in random.uniform(-0.5...0.5) },
                                activation: l == sizes.count - 1 ? .linear : activations[Int(seed) % 3]))
        }
        let network = try Network(layers: layers, loss: seed % 2 == 0 ? .mse : .sse, l2: random.uniform(0...0.5))
        let m = random.int(2...5)
        let inputs = (0..<m).map { _ in (0..<sizes[0]).map { _ in random.uniform(-2...2) } }
        let targets = (0..<m).map { _ in (0..<sizes[2]).map { _ in random.uniform(-1...1) } }
        let batch = try network.batchBackward(inputs: inputs, targets: targets)
        #expect(abs(batch.loss - network.batchLoss(inputs: inputs, targets: targets)) < 1e-12)
        let h = 1e-6
        for (l, layer) in network.layers.enumerated() {
            for i in 0..<layer.units {
                for j in 0..<layer.inputs {
                    func shifted(_ d: Double) -> Double {
                        var copy = network.layers
                        copy[l].weights[i, j] += d
                        return network.replacingParameters(copy).batchLoss(inputs: inputs, targets: targets)
                    }
                    let numeric = (shifted(h) - shifted(-h)) / (2 * h)
                    #expect(abs(numeric - batch.gradWeights[l][i, j]) < 1e-6, "seed \(seed): ∂J/∂w⁽\(l + 1)⁾[\(i),\(j)] \(numeric) vs \(batch.gradWeights[l][i, j])")
                }
                // The bias gradient is the average δ.
                let average = batch.examples.map { $0.layers[l].delta[i] }.reduce(0, +) / Double(m)
                #expect(abs(batch.gradBias[l][i] - average) < 1e-15)
            }
        }
    }

    @Test func badBatches() throws {
        let network = try Self.equalWeights()
        #expect(throws: NetworkShapeError.self) { try network.batchBackward(inputs: [], targets: []) }
        #expect(throws: NetworkShapeError.self) { try network.batchBackward(inputs: [[1, 0.5]], targets: [[0.8], [0.1]]) }
        #expect(throws: NetworkShapeError.self) { try network.batchBackward(inputs: [[1, 0.5, 2]], targets: [[0.8]]) }
    }
}
