import LessonTestSupport
import Foundation
import Testing
@testable import LessonCore

/// EXAMPLES.md's RNN: h = 2, n = 1, o = 1, no biases, tanh then sigmoid, binary cross-entropy on ŷ⁽³⁾.
func examplesRNN() throws -> (RecurrentNetwork, RecurrentSequence) {
    let network = try RecurrentNetwork(U: Tensor(rows: [[0.5], [-0.3]]), W: Tensor(rows: [[0.1, 0.4], [-0.2, 0.3]]),
                                       V: Tensor(rows: [[0.6, -0.5]]), hiddenActivation: .tanh, outputActivation: .sigmoid,
                                       loss: .binaryCrossEntropy)
    return (network, RecurrentSequence(inputs: [[1], [0.5], [-1]], targets: .last([1])))
}

/// A random recurrent network and sequence of random sizes, activations, loss and kind.
func randomRNN(_ rng: inout SplitMix64) throws -> (RecurrentNetwork, RecurrentSequence) {
    let h = rng.int(1...4), n = rng.int(1...3), o = rng.int(1...3), steps = rng.int(1...6)
    func matrix(_ r: Int, _ c: Int, _ scale: Double) -> Tensor {
        Tensor(shape: [r, c], scalars: (0..<(r * c)).map { _ in rng.uniform(-scale...scale) })
    }
    let hidden = RecurrentNetwork.hiddenActivations[rng.int(0...3)]
    let pairs: [(Activation, Loss)] = [(.sigmoid, .binaryCrossEntropy), (.softmax, .crossEntropy), (.linear, .mse),
                                       (.tanh, .mse), (.sigmoid, .mse), (.softmax, .mse), (.sigmoid, .crossEntropy)]
    let (output, loss) = pairs[rng.int(0...(pairs.count - 1))]
    let network = try RecurrentNetwork(U: matrix(h, n, 1), W: matrix(h, h, 0.9), V: matrix(o, h, 1),
                                       b: (0..<h).map { _ in rng.uniform(-0.5...0.5) }, c: (0..<o).map { _ in rng.uniform(-0.5...0.5) },
                                       hiddenActivation: hidden, outputActivation: output, loss: loss)
    func target() -> [Double] {
        switch loss {
        case .mse, .sse: return (0..<o).map { _ in rng.uniform(-1...1) }
        case .binaryCrossEntropy: return (0..<o).map { _ in rng.uniform(0...1) }
        case .crossEntropy:
            let raw = (0..<o).map { _ in rng.uniform(0.1...1) }
            let total = raw.reduce(0, +)
            return raw.map { $0 / total }
        }
    }
    let inputs = (0..<steps).map { _ in (0..<n).map { _ in rng.uniform(-1.5...1.5) } }
    let initial: [Double]? = rng.int(0...1) == 0 ? nil : (0..<h).map { _ in rng.uniform(-0.5...0.5) }
    let targets: RecurrentTargets = rng.int(0...1) == 0 ? .last(target()) : .everyStep((0..<steps).map { _ in target() })
    return (network, RecurrentSequence(inputs: inputs, initialState: initial, targets: targets))
}

/// The second formulation of full BPTT: one backward sweep over the unrolled graph, where
/// ∂E/∂s⁽ᵗ⁾ = Vᵀδ_out⁽ᵗ⁾ + Wᵀ(∂E/∂s⁽ᵗ⁺¹⁾ ∘ φ₁′(z⁽ᵗ⁺¹⁾)) collects every loss term at once,
/// instead of one chain per loss term.
private func unrolledGradients(_ network: RecurrentNetwork, _ forward: RNNForwardTrace) -> RecurrentGradients {
    let h = network.hiddenUnits
    var grads = RecurrentGradients(hidden: h, inputs: network.inputs, outputs: network.outputs)
    var fromNext = Array(repeating: 0.0, count: h)
    for step in forward.steps.reversed() {
        var ds = fromNext
        if let y = step.target {
            let dq = Vectors.outputDelta(activation: network.outputActivation, loss: network.loss, q: step.outputPreActivation,
                                         a: step.output, y: y)
            grads.V = Vectors.add(grads.V, Vectors.outer(dq, step.state))
            grads.c = Vectors.add(grads.c, dq)
            ds = Vectors.add(ds, Vectors.transposedTimes(network.V, dq))
        }
        let dz = zip(ds, step.preActivation).map { $0 * network.hiddenActivation.derivative($1) }
        grads.W = Vectors.add(grads.W, Vectors.outer(dz, step.previousState))
        grads.U = Vectors.add(grads.U, Vectors.outer(dz, step.input))
        grads.b = Vectors.add(grads.b, dz)
        fromNext = Vectors.transposedTimes(network.W, dz)
    }
    return grads
}

private func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}

@Suite struct RecurrentReferenceTests {
    // EXAMPLES.md, "RNN (003's notation, no biases), many-to-one", six decimals.
    @Test func examplesForwardNumbers() throws {
        let (network, sequence) = try examplesRNN()
        let forward = try network.forward(sequence)
        let states = [[0.462117, -0.291313], [0.177777, -0.318357], [-0.543821, 0.167349]]
        for t in 0..<3 { for i in 0..<2 { #expect(abs(forward.states[t][i] - states[t][i]) < 5e-7, "s⁽\(t + 1)⁾\(i + 1)") } }
        #expect(abs(forward.outputs[2][0] - 0.398920) < 5e-7)
        #expect(abs(forward.loss - 0.918994) < 5e-7)
        #expect(forward.steps[0].loss == nil && forward.steps[1].loss == nil)
        #expect(forward.kind == "many-to-one")
    }

    @Test func examplesFullBPTT() throws {
        let (network, sequence) = try examplesRNN()
        let backward = network.backward(try network.forward(sequence))
        let g = backward.gradients
        #expect(abs(g.V[0, 0] - 0.326880) < 5e-7 && abs(g.V[0, 1] - -0.100590) < 5e-7)
        let w = [[-0.082666, 0.104506], [0.046136, -0.089345]]
        for i in 0..<2 { for j in 0..<2 { #expect(abs(g.W[i, j] - w[i][j]) < 5e-7, "∂E/∂W\(i + 1)\(j + 1) = \(g.W[i, j])") } }
        #expect(abs(g.U[0, 0] - 0.208992) < 5e-7 && abs(g.U[1, 0] - -0.331553) < 5e-7)
        #expect(g == backward.full)
        #expect(backward.cutLinks == 0)
        // The chain records the seed's argument: three steps back from s⁽³⁾.
        #expect(backward.chains.count == 1 && backward.chains[0].links.map(\.step) == [3, 2, 1])
    }

    @Test func examplesTruncatedBPTT() throws {
        let (network, sequence) = try examplesRNN()
        let forward = try network.forward(sequence)
        let one = network.backward(forward, truncation: 1)
        let w1 = [[-0.045154, 0.080859], [0.051933, -0.092999]]
        for i in 0..<2 { for j in 0..<2 { #expect(abs(one.gradients.W[i, j] - w1[i][j]) < 5e-7) } }
        #expect(abs(one.gradients.U[0, 0] - 0.253990) < 5e-7 && abs(one.gradients.U[1, 0] - -0.292123) < 5e-7)
        #expect(one.cutLinks == 2)
        #expect(one.gradients.V == one.full.V)
        let two = network.backward(forward, truncation: 2)
        #expect(abs(two.gradients.U[0, 0] - 0.213402) < 5e-7 && abs(two.gradients.U[1, 0] - -0.298395) < 5e-7)
        // s⁽⁰⁾ = 0, so the cut step adds nothing to ∂E/∂W.
        for i in 0..<2 { for j in 0..<2 { #expect(abs(two.gradients.W[i, j] - two.full.W[i, j]) < 1e-15) } }
        #expect(network.backward(forward, truncation: 3).gradients == network.backward(forward).gradients)
    }
}

@Suite struct RecurrentPropertyTests {
    /// Full BPTT (one chain per loss term) equals the single unrolled sweep, to rounding.
    @Test(arguments: 0..<40) func chainsEqualUnrolledSweep(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let (network, sequence) = try randomRNN(&rng)
        let forward = try network.forward(sequence)
        let chains = network.backward(forward).gradients.flat
        let unrolled = unrolledGradients(network, forward).flat
        for (a, b) in zip(chains, unrolled) { #expect(close(a, b, 1e-12), "seed \(seed): \(a) vs \(b)") }
    }

    /// Full BPTT matches central differences of E on every parameter.
    @Test(arguments: 0..<40) func fullGradientsMatchFiniteDifferences(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let (network, sequence) = try randomRNN(&rng)
        let forward = try network.forward(sequence)
        let check = network.gradientCheck(sequence, forward: forward, backward: network.backward(forward))
        for entry in check.entries {
            #expect(close(entry.analytic, entry.numeric, 2e-7), "seed \(seed), \(entry.name): \(entry.analytic) vs \(entry.numeric)")
        }
    }

    /// Truncated BPTT is the gradient of the objective with the states before each window held.
    @Test(arguments: 0..<30) func truncatedGradientsMatchHeldStateDifferences(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let (network, sequence) = try randomRNN(&rng)
        let k = rng.int(1...sequence.steps)
        let forward = try network.forward(sequence)
        let backward = network.backward(forward, truncation: k)
        let check = network.gradientCheck(sequence, forward: forward, backward: backward)
        for entry in check.entries {
            #expect(close(entry.analytic, entry.numeric, 2e-7), "seed \(seed), K = \(k), \(entry.name): \(entry.analytic) vs \(entry.numeric)")
        }
        // Every link is kept or cut by the window rule, and K ≥ T keeps everything.
        for chain in backward.chains { for link in chain.links { #expect(link.kept == (link.step > chain.lossStep - k)) } }
        if k == sequence.steps { #expect(backward.gradients == backward.full) }
    }

    /// With a linear φ₁ the Jacobian ∂s⁽ᵀ⁾/∂s⁽ᵗ⁾ is W^(T−t).
    @Test(arguments: 0..<10) func linearJacobianIsAPowerOfW(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var (network, sequence) = try randomRNN(&rng)
        network.hiddenActivation = .linear
        sequence.targets = .last(Array(repeating: 0, count: network.outputs))
        network.loss = .mse
        let forward = try network.forward(sequence)
        let measured = VanishingGradient(network: network, forward: forward)
        let h = network.hiddenUnits, steps = sequence.steps
        var power = Tensor(shape: [h, h])
        for i in 0..<h { power[i, i] = 1 }
        for t in stride(from: steps, through: 0, by: -1) {
            let entry = measured.entries[t]
            #expect(entry.t == t)
            for (a, b) in zip(entry.jacobian.scalars, power.scalars) { #expect(close(a, b, 1e-12), "seed \(seed), t = \(t)") }
            var next = Tensor(shape: [h, h])
            for i in 0..<h { for j in 0..<h { for m in 0..<h { next[i, j] += power[i, m] * network.W[m, j] } } }
            power = next
        }
        #expect(abs(measured.entries[steps].norm - Double(h).squareRoot()) < 1e-15)
    }

    /// The Jacobian of a tanh network matches finite differences of s⁽ᵀ⁾ in s⁽ᵗ⁾.
    @Test(arguments: 0..<10) func tanhJacobianMatchesFiniteDifferences(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var (network, sequence) = try randomRNN(&rng)
        network.hiddenActivation = .tanh
        let forward = try network.forward(sequence)
        let measured = VanishingGradient(network: network, forward: forward)
        let steps = sequence.steps, h = network.hiddenUnits
        let t = rng.int(0...(steps - 1))
        func finalState(_ start: [Double]) -> [Double] {
            var s = start
            for k in (t + 1)...steps {
                s = Vectors.add(Vectors.add(Vectors.times(network.W, s), Vectors.times(network.U, sequence.inputs[k - 1])), network.b).map(tanh)
            }
            return s
        }
        for j in 0..<h {
            var plus = forward.state(t), minus = forward.state(t)
            plus[j] += 1e-6
            minus[j] -= 1e-6
            let up = finalState(plus), down = finalState(minus)
            for i in 0..<h {
                #expect(abs((up[i] - down[i]) / 2e-6 - measured.entries[t].jacobian[i, j]) < 1e-8, "seed \(seed), t = \(t), [\(i), \(j)]")
            }
        }
    }
}

@Suite struct VanishingGradientTests {
    /// Small W: the norm falls with every step back; large W keeps it up.
    @Test func smallWeightsVanishLargeOnesDoNot() throws {
        let inputs = (0..<10).map { [sin(Double($0))] }
        let small = try RecurrentNetwork(U: Tensor(rows: [[0.5], [-0.3]]), W: Tensor(rows: [[0.2, 0.1], [-0.1, 0.2]]),
                                         V: Tensor(rows: [[1, 1]]), outputActivation: .linear, loss: .mse)
        let sequence = RecurrentSequence(inputs: inputs, targets: .last([0]))
        let vanishing = VanishingGradient(network: small, forward: try small.forward(sequence))
        for t in 0..<10 { #expect(vanishing.norms[t] < vanishing.norms[t + 1]) }
        #expect(vanishing.norms[0] < 1e-5)
        var large = small
        large.W = Tensor(rows: [[1.5, 0.5], [-0.5, 1.5]])
        let kept = VanishingGradient(network: large, forward: try large.forward(sequence))
        #expect(kept.norms[0] > vanishing.norms[0] * 1e3)
    }
}

@Suite struct RecurrentInputTests {
    @Test func badShapesNameTheKey() throws {
        let (network, sequence) = try examplesRNN()
        func key(_ body: () throws -> Void) -> String? {
            do { try body() } catch let error as RecurrentShapeError { return error.key } catch { return "other" }
            return nil
        }
        #expect(key { _ = try network.forward(RecurrentSequence(inputs: [], targets: .last([1]))) } == "inputs")
        #expect(key { _ = try network.forward(RecurrentSequence(inputs: [[1, 2]], targets: .last([1]))) } == "inputs")
        #expect(key { _ = try network.forward(RecurrentSequence(inputs: [[.nan]], targets: .last([1]))) } == "inputs")
        #expect(key { _ = try network.forward(RecurrentSequence(inputs: [[1]], targets: .last([1, 0]))) } == "target")
        #expect(key { _ = try network.forward(RecurrentSequence(inputs: [[1], [2]], targets: .everyStep([[1]]))) } == "targets")
        #expect(key { _ = try network.forward(RecurrentSequence(inputs: [[1]], initialState: [0], targets: .last([1]))) } == "initial_state")
        #expect(key { _ = try network.forward(sequence) } == nil)
        #expect(key { _ = try RecurrentNetwork(U: network.U, W: Tensor(rows: [[1]]), V: network.V) } == "W")
        #expect(key { _ = try RecurrentNetwork(U: network.U, W: network.W, V: Tensor(rows: [[1, 2, 3]])) } == "V")
        #expect(key { _ = try RecurrentNetwork(U: network.U, W: network.W, V: network.V, b: [1]) } == "b")
        #expect(key { _ = try RecurrentNetwork(U: network.U, W: network.W, V: network.V, hiddenActivation: .softmax) } == "hidden_activation")
        var linear = network
        linear.outputActivation = .linear
        #expect(key { _ = try linear.forward(sequence) } == "loss")
    }
}
