import LessonTestSupport
import Foundation
import Testing
@testable import LessonCore

/// The issue's 2 → 2 → 1 example: tanh hidden layer, linear output, mse.
private func issueNetwork(l2: Double = 0) throws -> Network {
    try Network(layers: [
        Layer(weights: Tensor(rows: [[0.1, -0.2], [0.4, 0.3]]), bias: [0, 0.1], activation: .tanh),
        Layer(weights: Tensor(rows: [[0.5, -0.6]]), bias: [0.2], activation: .linear),
    ], loss: .mse, l2: l2)
}

@Suite struct NetworkForwardBackwardTests {
    // Reference numbers computed independently (plain Python, math.tanh) for the issue's example.
    @Test func issueExampleNumberByNumber() throws {
        let network = try issueNetwork()
        let forward = try network.forward([0.5, -1])
        #expect(agree(forward.layers[0].z[0], 0.25, absolute: 1e-15))
        #expect(abs(forward.layers[0].z[1]) < 1e-15)
        #expect(agree(forward.layers[0].a[0], 0.24491866240370913, absolute: 1e-15))
        #expect(agree(forward.layers[1].z[0], 0.32245933120185455, absolute: 1e-15))
        #expect(forward.layers[0].units[0].sumText == "z⁽¹⁾₁ = w⁽¹⁾₁₁x₁ + w⁽¹⁾₁₂x₂ + b⁽¹⁾₁ = 0.1×0.5 + (−0.2)×(−1) + 0 = 0.25")
        #expect(forward.layers[0].units[0].activationText == "a⁽¹⁾₁ = tanh(z⁽¹⁾₁) = tanh(0.25) = 0.2449")
        let backward = try network.backward(forward, target: [1])
        #expect(agree(backward.loss.total, 0.2295306789377191, absolute: 1e-15))
        #expect(agree(backward.layers[1].delta[0], -0.6775406687981455, absolute: 1e-15))
        #expect(agree(backward.layers[0].delta[0], -0.31844914467023044, absolute: 1e-15))
        #expect(agree(backward.layers[0].delta[1], 0.4065244012788873, absolute: 1e-15))
        let expectedW1 = [[-0.15922457233511522, 0.31844914467023044], [0.20326220063944364, -0.4065244012788873]]
        for i in 0..<2 { for j in 0..<2 { #expect(agree(backward.layers[0].gradWeights[i, j], expectedW1[i][j], absolute: 1e-15)) } }
        #expect(agree(backward.layers[1].gradWeights[0, 0], -0.16594235432615628, absolute: 1e-15))
        #expect(abs(backward.layers[1].gradWeights[0, 1]) < 1e-15)
        #expect(backward.layers[1].gradBias == backward.layers[1].delta)
        #expect(backward.layers[1].rule == .outputChain)
        #expect(backward.layers[0].rule == .hidden)
        #expect(backward.layers[0].units[0].deltaText.hasPrefix("δ⁽¹⁾₁ = (w⁽²⁾₁₁δ⁽²⁾₁) × f′(z⁽¹⁾₁) = (0.5×(−0.6775)) × (1 − 0.2449²)"))
        let step = try network.gradientDescentStep(input: [0.5, -1], target: [1], backward: backward, learningRate: 0.5)
        #expect(agree(step.lossAfter, 0.006273380771087536, absolute: 1e-14))
        #expect(step.after.layers[1].bias[0] == 0.2 - 0.5 * -0.6775406687981455)
    }

    @Test func l2TermAddsLambdaTimesTheWeight() throws {
        let plain = try issueNetwork(), regularized = try issueNetwork(l2: 0.1)
        let f = try plain.forward([0.5, -1])
        let g0 = try plain.backward(f, target: [1]), g1 = try regularized.backward(f, target: [1])
        let squares = 0.01 + 0.04 + 0.16 + 0.09 + 0.25 + 0.36
        #expect(agree(g1.loss.total, g0.loss.total + 0.05 * squares, absolute: 1e-15))
        for l in 0..<2 {
            let w = plain.layers[l].weights
            for i in 0..<w.rows { for j in 0..<w.columns {
                #expect(agree(g1.layers[l].gradWeights[i, j], g0.layers[l].gradWeights[i, j] + 0.1 * w[i, j], absolute: 1e-15))
            } }
            #expect(g1.layers[l].gradBias == g0.layers[l].gradBias, "biases are not regularized")
        }
    }

    @Test func softmaxCrossEntropyAndSigmoidBinaryCrossEntropySimplifyToAMinusY() throws {
        let softmax = try Network(layers: [Layer(weights: Tensor(rows: [[0.2, -0.1], [0.4, 0.3], [-0.5, 0.1]]),
                                                 bias: [0.1, 0, -0.1], activation: .softmax)], loss: .crossEntropy)
        let f = try softmax.forward([1, 2])
        let b = try softmax.backward(f, target: [0, 1, 0])
        #expect(b.layers[0].rule == .outputSimplified)
        for i in 0..<3 { #expect(b.layers[0].delta[i] == f.output[i] - [0.0, 1, 0][i]) }
        #expect(b.layers[0].ruleLines[0].contains("= aᵢ − yᵢ, since Σⱼ yⱼ = 1"))
        let sigmoid = try Network(layers: [Layer(weights: Tensor(rows: [[0.7, -0.3]]), bias: [0.05], activation: .sigmoid)],
                                  loss: .binaryCrossEntropy)
        let fs = try sigmoid.forward([1, 2])
        let bs = try sigmoid.backward(fs, target: [1])
        #expect(bs.layers[0].rule == .outputSimplified)
        #expect(bs.layers[0].delta[0] == fs.output[0] - 1)
        #expect(bs.layers[0].units[0].deltaText.hasPrefix("δ⁽¹⁾₁ = a⁽¹⁾₁ − y₁ = "))
    }

    /// Property: every gradient of backpropagation equals the central finite difference,
    /// over seeded random networks of several shapes, activations, losses and λ.
    /// Tolerance 1e-6: ε = 1e-6 leaves an O(ε²) truncation and an O(1e-16/ε) rounding error.
    @Test(arguments: 0..<100)
    func backpropagationMatchesFiniteDifferences(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        // ReLU is included: a random z lands within ε of its kink with probability about 1e-6.
        let smooth: [Activation] = [.sigmoid, .tanh, .softplus, .linear, .relu]
        let depth = Int.random(in: 1...4, using: &rng)
        var sizes = [Int.random(in: 1...4, using: &rng)]
        for _ in 0..<depth { sizes.append(Int.random(in: 1...5, using: &rng)) }
        let loss = Loss.allCases.randomElement(using: &rng) ?? .mse
        var layers: [Layer] = []
        for l in 1...depth {
            var activation = smooth.randomElement(using: &rng) ?? .tanh
            if l == depth {
                switch loss {
                case .crossEntropy: activation = Bool.random(using: &rng) ? .softmax : .sigmoid
                case .binaryCrossEntropy: activation = .sigmoid
                default: activation = (smooth + [.softmax]).randomElement(using: &rng) ?? .linear
                }
            }
            let weights = Tensor(shape: [sizes[l], sizes[l - 1]],
                                 scalars: (0..<(sizes[l] * sizes[l - 1])).map { _ in rng.uniform(-1.5...1.5) })
            layers.append(Layer(weights: weights, bias: (0..<sizes[l]).map { _ in rng.uniform(-0.5...0.5) }, activation: activation))
        }
        let l2 = Bool.random(using: &rng) ? rng.uniform(0...0.5) : 0
        let network = try Network(layers: layers, loss: loss, l2: l2)
        let input = (0..<sizes[0]).map { _ in rng.uniform(-2...2) }
        var target: [Double]
        switch loss {
        case .crossEntropy:
            target = Array(repeating: 0, count: sizes[depth])
            target[Int.random(in: 0..<sizes[depth], using: &rng)] = 1
        case .binaryCrossEntropy: target = (0..<sizes[depth]).map { _ in rng.uniform(0...1) }
        default: target = (0..<sizes[depth]).map { _ in rng.uniform(-1...1) }
        }
        let forward = try network.forward(input)
        let backward = try network.backward(forward, target: target)
        let check = network.gradientCheck(input: input, target: target, backward: backward)
        #expect(check.entries.count == network.parameterCount)
        for entry in check.entries {
            #expect(entry.difference <= 1e-6 * max(1, abs(entry.numeric)),
                    "seed \(seed), \(network.architecture), \(loss.rawValue), λ \(l2): \(entry.name) backprop \(entry.analytic), numeric \(entry.numeric)")
        }
        #expect(agree(backward.loss.total, network.lossValue(input: input, target: target), absolute: 1e-12),
                "seed \(seed): the traced loss equals the untraced one")
    }

    /// Property: a small enough gradient step lowers the loss (seeded random tanh networks).
    @Test(arguments: 0..<10)
    func aSmallStepLowersTheLoss(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed &+ 1000)
        let network = try Network(layers: [
            Layer(weights: Tensor(shape: [3, 2], scalars: (0..<6).map { _ in rng.uniform(-1...1) }), bias: [0, 0, 0], activation: .tanh),
            Layer(weights: Tensor(shape: [1, 3], scalars: (0..<3).map { _ in rng.uniform(-1...1) }), bias: [0], activation: .linear),
        ], loss: .mse)
        let input = [rng.uniform(-1...1), rng.uniform(-1...1)], target = [rng.uniform(-1...1)]
        let backward = try network.backward(try network.forward(input), target: target)
        let step = try network.gradientDescentStep(input: input, target: target, backward: backward, learningRate: 0.01)
        #expect(step.lossAfter <= step.lossBefore, "seed \(seed): loss went from \(step.lossBefore) to \(step.lossAfter)")
    }

    @Test func activationDerivativesMatchFiniteDifferences() {
        for activation in Activation.allCases where activation.isElementwise && activation != .step {
            for z in stride(from: -3.0, through: 3.0, by: 0.37) where abs(z) > 1e-3 {
                let numeric = (activation.value(z + 1e-6) - activation.value(z - 1e-6)) / 2e-6
                #expect(abs(numeric - activation.derivative(z)) < 1e-8, "\(activation) at \(z)")
            }
        }
        #expect(Activation.relu.derivative(0) == 0, "PyTorch's ReLU′(0) = 0")
        #expect(Activation.softplus.value(800) == 800, "softplus does not overflow")
        #expect(Activation.softmax.apply([1000, 1000]) == [0.5, 0.5], "softmax does not overflow")
    }

    @Test func badNetworksAreOneSentence() throws {
        let w = Tensor(rows: [[1, 2]])
        #expect(throws: NetworkShapeError(layer: 1, key: "weights", "the weights of layer 2 have 2 columns but layer 1 has 1 unit; the shapes do not chain: layer 2 needs one column per unit of layer 1")) {
            try Network(layers: [Layer(weights: w, bias: [0], activation: .tanh), Layer(weights: w, bias: [0], activation: .linear)], loss: .mse)
        }
        #expect(throws: NetworkShapeError.self) {
            try Network(layers: [Layer(weights: w, bias: [0, 1], activation: .tanh)], loss: .mse)
        }
        #expect(throws: NetworkShapeError(layer: 0, key: "activation", "softmax is only allowed in the last layer, but layer 1 of 2 uses it; use sigmoid, tanh, relu, softplus, linear or step in hidden layers")) {
            try Network(layers: [Layer(weights: Tensor(rows: [[1, 2], [3, 4]]), bias: [0, 0], activation: .softmax),
                                 Layer(weights: w, bias: [0], activation: .linear)], loss: .mse)
        }
        #expect(throws: NetworkShapeError.self) { try Network(layers: [Layer(weights: w, bias: [0], activation: .linear)], loss: .crossEntropy) }
        let network = try issueNetwork()
        #expect(throws: NetworkShapeError(key: "target", "the target has 2 values but the last layer has 1 unit; give one target per output unit")) {
            try network.backward(try network.forward([0.5, -1]), target: [1, 0])
        }
        #expect(throws: NetworkShapeError.self) { try network.forward([1, 2, 3]) }
        #expect(throws: InputError("unknown activation 'gelu'; expected one of sigmoid, tanh, relu, softplus, linear, softmax, step")) {
            try Activation.named("gelu")
        }
        #expect(throws: InputError("unknown loss 'hinge'; expected one of mse, sse, binary-cross-entropy, cross-entropy")) {
            try Loss.named("hinge")
        }
    }
}
