import LessonTestSupport
import Foundation
import Testing
@testable import LessonCore

/// Losses whose output unit saturates: softmax probabilities and sigmoid outputs that round to 0 or 1.
/// PyTorch's `CrossEntropyLoss` and `BCEWithLogitsLoss` stay finite there; so must the lessons
/// (found by Tests/Differential/torch_reference.py: `lesson run backprop` refused such a network).
@Suite struct SaturatedLossTests {
    /// A one-layer network whose pre-activations are `logits`: input [1], one weight per unit, no bias.
    private func logitNetwork(_ logits: [Double], activation: Activation, loss: Loss) throws -> Network {
        try Network(layers: [Layer(weights: Tensor(rows: logits.map { [$0] }), bias: logits.map { _ in 0 },
                                   activation: activation)], loss: loss)
    }

    /// Central difference of the network's loss in the weight of unit k, which is ∂L/∂zₖ (the input is 1).
    private func numericGradient(_ network: Network, unit k: Int, target: [Double], step: Double) throws -> Double {
        var plus = network.layers, minus = network.layers
        plus[0].weights[k, 0] += step
        minus[0].weights[k, 0] -= step
        let up = try Network(layers: plus, loss: network.loss).lossValue(input: [1], target: target)
        let down = try Network(layers: minus, loss: network.loss).lossValue(input: [1], target: target)
        return (up - down) / (2 * step)
    }

    /// A seeded softmax + cross-entropy case with logits hundreds apart: the logits, the target's
    /// class c, the one-hot target and the one-layer network whose pre-activations are the logits.
    private func saturatedSoftmax(seed: UInt64) throws -> (logits: [Double], c: Int, target: [Double], network: Network) {
        var random = SplitMix64(seed: seed)
        let classes = random.int(2...5)
        let logits = (0..<classes).map { _ in Double(random.int(-900...900)) + random.uniform(-0.5...0.5) }
        let c = random.int(0...(classes - 1))
        let target = (0..<classes).map { $0 == c ? 1.0 : 0.0 }
        return (logits, c, target, try logitNetwork(logits, activation: .softmax, loss: .crossEntropy))
    }

    /// Property: with logits hundreds apart (so some softmax outputs are exactly 0), L = −log aᶜ is finite,
    /// lies in [m − z_c, m − z_c + log K] (m = max z, the bounds of log-sum-exp), the trace and the
    /// lossValue agree, and ∂L/∂zₖ by central differences is aₖ − yₖ, the gradient the backward pass uses.
    @Test(arguments: Seeds.range(1...60)) func softmaxCrossEntropyStaysFiniteWhenAProbabilityUnderflows(seed: UInt64) throws {
        let (logits, c, target, network) = try saturatedSoftmax(seed: seed)
        let classes = logits.count
        let forward = try network.forward([1])
        let backward = try network.backward(forward, target: target)
        let loss = backward.loss.total
        let m = logits.max()!
        #expect(loss.isFinite, "seed \(seed): L = \(loss) for logits \(logits)")
        #expect(loss >= m - logits[c] - 1e-9 && loss <= m - logits[c] + log(Double(classes)) + 1e-9, "seed \(seed): L = \(loss)")
        #expect(agree(network.lossValue(input: [1], target: target), loss, absolute: 0, relative: 1e-15))
        for k in 0..<classes {
            let numeric = try numericGradient(network, unit: k, target: target, step: 1e-5)
            #expect(agree(numeric, forward.output[k] - target[k], absolute: 1e-7), "seed \(seed), unit \(k): \(numeric)")
            #expect(backward.layers[0].delta[k] == forward.output[k] - target[k])
        }
    }

    /// Property: with logits beyond exp's range (|z| up to 900), the forward trace shows softmax as
    /// exp(zᵢ − m)/Σⱼ exp(zⱼ − m) with m = max z, its denominator is that sum (≥ 1, as one term is
    /// e⁰), the probabilities add up to 1, and forward and backward traces hold only finite numbers
    /// (JSON refuses ∞): where the target's class is so near 0 that −1/a overflows, ∂L/∂a is not
    /// recorded; δ = a − y is.
    @Test(arguments: Seeds.range(1...60)) func softmaxTraceStaysFiniteBeyondExpsRange(seed: UInt64) throws {
        let (logits, c, target, network) = try saturatedSoftmax(seed: seed)
        let forward = try network.forward([1])
        let layer = forward.layers[0]
        let m = logits.max()!
        let plainOverflows = !logits.reduce(0, { $0 + exp($1) }).isFinite
        #expect(layer.softmaxShift == (plainOverflows ? m : nil), "seed \(seed): shift \(String(describing: layer.softmaxShift))")
        let shift = layer.softmaxShift ?? 0
        let second = logits.map { exp($0 - shift) }.reduce(0, +)
        #expect(layer.softmaxDenominator == second)
        #expect(abs(layer.a.reduce(0, +) - 1) < 1e-12)
        if plainOverflows {
            #expect(layer.units[0].activationText.contains("m = maxⱼ z⁽¹⁾ⱼ = \(Notation.number(m))"), "\(layer.units[0].activationText)")
        }
        let backward = try network.backward(forward, target: target)
        let output = backward.layers[0]
        #expect((output.lossGradient == nil) == !(-1 / forward.output[c]).isFinite, "seed \(seed): a_c = \(forward.output[c])")
        #expect(output.delta == zip(forward.output, target).map { $0 - $1 })
        #expect(throws: Never.self) { _ = try JSONEncoder().encode(forward); _ = try JSONEncoder().encode(backward) }
    }

    /// Softmax of logits within exp's range is written as before: exp(zᵢ)/Σⱼ exp(zⱼ), no shift recorded.
    @Test func softmaxOfModerateLogitsKeepsThePlainFormula() throws {
        let network = try logitNetwork([1, 2, 3], activation: .softmax, loss: .crossEntropy)
        let layer = try network.forward([1]).layers[0]
        #expect(layer.softmaxShift == nil)
        #expect(layer.softmaxDenominator == exp(1) + exp(2) + exp(3))
        #expect(layer.units[2].activationText == "a⁽¹⁾₃ = exp(z⁽¹⁾₃)/Σⱼ exp(z⁽¹⁾ⱼ) = exp(3)/30.1929 = 20.0855/30.1929 = 0.6652")
    }

    /// Property: for a sigmoid unit with |z| ≥ 40 (σ(z) rounds to 1, or to nearly 0), the binary cross-entropy
    /// y·softplus(−z) + (1 − y)·softplus(z) is finite, exceeds its linear part by at most log 2
    /// (L − [y·max(−z, 0) + (1 − y)·max(z, 0)] ∈ [0, log 2]), and its central difference in z is σ(z) − y.
    @Test(arguments: Seeds.range(1...60)) func sigmoidBinaryCrossEntropyStaysFiniteWhenTheOutputSaturates(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let z = Double(random.int(40...900)) * (random.int(0...1) == 0 ? -1 : 1) + random.uniform(-0.5...0.5)
        let y = [0.0, 1.0, random.uniform(0...1)][random.int(0...2)]
        let network = try logitNetwork([z], activation: .sigmoid, loss: .binaryCrossEntropy)
        let forward = try network.forward([1])
        let loss = try network.backward(forward, target: [y]).loss.total
        let linear = y * max(-z, 0) + (1 - y) * max(z, 0)
        #expect(loss.isFinite, "seed \(seed): L = \(loss) for z = \(z), y = \(y)")
        #expect(loss - linear >= -1e-9 && loss - linear <= log(2) + 1e-9, "seed \(seed): L = \(loss), linear part \(linear)")
        let numeric = try numericGradient(network, unit: 0, target: [y], step: 1e-3)
        #expect(agree(numeric, forward.output[0] - y, absolute: 1e-7), "seed \(seed): ∂L/∂z = \(numeric)")
    }

    /// Property: where σ(z) rounds to 1 (37 ≤ z ≤ 700), the backward pass's ∂L/∂a is finite and equals the second
    /// formulation −y/a + (1 − y)(1 + e^z), from 1/(1 − σ(z)) = 1 + e^z; δ stays a − y.
    @Test(arguments: Seeds.range(1...60)) func sigmoidBinaryCrossEntropyGradientStaysFiniteWhenTheOutputRoundsToOne(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let z = random.uniform(37...700)
        let y = [0.0, random.uniform(0...1)][random.int(0...1)]
        let network = try logitNetwork([z], activation: .sigmoid, loss: .binaryCrossEntropy)
        let forward = try network.forward([1])
        #expect(forward.output[0] == 1, "seed \(seed): the case must saturate σ(\(z))")
        let layer = try network.backward(forward, target: [y]).layers[0]
        let second = -y / forward.output[0] + (1 - y) * (1 + exp(z))
        let dLda = try #require(layer.lossGradient)[0]
        #expect(dLda.isFinite && agree(dLda, second, absolute: 0, relative: 1e-12),
                "seed \(seed): ∂L/∂a = \(dLda), second formulation \(second)")
        #expect(layer.delta[0] == forward.output[0] - y)
    }

    /// Unsaturated outputs keep the plain formula bit for bit: −Σ yᵢ log aᵢ and −Σ[y log a + (1 − y) log(1 − a)].
    @Test(arguments: Seeds.range(1...40)) func moderateLogitsGiveThePlainLossExactly(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let classes = random.int(2...5)
        let logits = (0..<classes).map { _ in random.uniform(-8...8) }
        let target = (0..<classes).map { _ in random.uniform(0...1) }
        let a = Activation.softmax.apply(logits)
        let plain = -zip(a, target).reduce(0) { $0 + $1.1 * log($1.0) }
        #expect(Loss.crossEntropy.value(output: a, target: target, preActivation: logits, activation: .softmax)
                == Loss.crossEntropy.value(output: a, target: target))
        #expect(agree(Loss.crossEntropy.value(output: a, target: target, preActivation: logits, activation: .softmax), plain,
                      absolute: 1e-12))
    }

    /// An RNN with a softmax output and cross-entropy, its logits far apart: E is finite and BPTT agrees
    /// with central differences of E; ∂E/∂ŷ, whose −y/ŷ is −0/0 or −1/0 where an output is 0, is left out
    /// of the trace (δ_out = ŷ − y does not use it), so the trace encodes as JSON (found by
    /// `torch_reference.py --saturate`: `lesson run rnn` refused such a network).
    @Test func recurrentSoftmaxCrossEntropyWithSaturatedOutputs() throws {
        let network = try RecurrentNetwork(U: Tensor(rows: [[1], [-1]]), W: Tensor(rows: [[0.5, 0], [0, 0.5]]),
                                           V: Tensor(rows: [[400, -400], [-400, 400]]), outputActivation: .softmax,
                                           loss: .crossEntropy)
        let sequence = RecurrentSequence(inputs: [[1], [2]], targets: .everyStep([[0, 1], [0, 1]]))
        let forward = try network.forward(sequence)
        #expect(forward.loss.isFinite, "E = \(forward.loss)")
        #expect(forward.steps.contains { $0.output.contains(0) }, "the case must saturate a softmax output")
        let backward = network.backward(forward)
        let check = network.gradientCheck(sequence, forward: forward, backward: backward, epsilon: 1e-6)
        for entry in check.entries {
            #expect(agree(entry.analytic, entry.numeric, absolute: 1e-5, relative: 1e-7), "\(entry.name): \(entry.analytic) vs \(entry.numeric)")
        }
        #expect(backward.chains.count == 2)
        for chain in backward.chains {
            let step = forward.steps[chain.lossStep - 1]
            let y = try #require(step.target)
            let plain = zip(step.output, y).map { -$1 / $0 }
            #expect((chain.outputGradient == nil) == !plain.allSatisfy(\.isFinite), "τ = \(chain.lossStep): ŷ = \(step.output)")
            #expect(chain.outputDelta == zip(step.output, y).map { $0 - $1 })
        }
        #expect(backward.chains.contains { $0.outputGradient == nil }, "the case must make −y/ŷ overflow")
        #expect(throws: Never.self) { _ = try JSONEncoder().encode(backward) }
    }
}
