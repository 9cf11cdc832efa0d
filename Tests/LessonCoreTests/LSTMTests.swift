import LessonTestSupport
import Foundation
import Testing
@testable import LessonCore

/// EXAMPLES.md's LSTM cell: h = n = 1, biases 0, x = (1, 0.5).
func examplesLSTM() throws -> (LSTMNetwork, RecurrentSequence) {
    let zero = [0.0]
    let network = try LSTMNetwork(LSTMParameters(W_f: Tensor(rows: [[0.5, 0.4]]), W_i: Tensor(rows: [[0.3, 0.6]]),
                                                 W_s: Tensor(rows: [[0.2, 0.8]]), W_o: Tensor(rows: [[-0.1, 0.7]]),
                                                 b_f: zero, b_i: zero, b_s: zero, b_o: zero))
    return (network, RecurrentSequence(inputs: [[1], [0.5]], targets: .last([0.5])))
}

/// A random LSTM and sequence: h 1…3, n 1…3, T 1…5, many-to-one or many-to-many.
func randomLSTM(_ rng: inout SplitMix64) throws -> (LSTMNetwork, RecurrentSequence) {
    let h = rng.int(1...3), n = rng.int(1...3), steps = rng.int(1...5)
    func matrix() -> Tensor { Tensor(shape: [h, h + n], scalars: (0..<(h * (h + n))).map { _ in rng.uniform(-1...1) }) }
    func bias() -> [Double] { (0..<h).map { _ in rng.uniform(-0.5...0.5) } }
    let network = try LSTMNetwork(LSTMParameters(W_f: matrix(), W_i: matrix(), W_s: matrix(), W_o: matrix(),
                                                 b_f: bias(), b_i: bias(), b_s: bias(), b_o: bias()))
    func target() -> [Double] { (0..<h).map { _ in rng.uniform(-1...1) } }
    let inputs = (0..<steps).map { _ in (0..<n).map { _ in rng.uniform(-1.5...1.5) } }
    let initial: [Double]? = rng.int(0...1) == 0 ? nil : bias()
    let targets: RecurrentTargets = rng.int(0...1) == 0 ? .last(target()) : .everyStep((0..<steps).map { _ in target() })
    return (network, RecurrentSequence(inputs: inputs, initialState: initial, targets: targets))
}

@Suite struct LSTMTests {
    // EXAMPLES.md, "LSTM cell", six decimals.
    @Test func examplesGateValues() throws {
        let (network, sequence) = try examplesLSTM()
        let forward = try network.forward(sequence)
        let expected: [[Double]] = [[0.598688, 0.645656, 0.664037, 0.428740, 0.668188, 0.270127],
                                    [0.582991, 0.594123, 0.425202, 0.502574, 0.580052, 0.269225]]
        for (t, values) in expected.enumerated() {
            let step = forward.steps[t]
            let got = [step.forget[0], step.input[0], step.candidate[0], step.state[0], step.outputGate[0], step.output[0]]
            for (name, (a, b)) in zip(["f", "i", "s̃", "s", "o", "ŷ"], zip(got, values)) {
                #expect(abs(a - b) < 5e-7, "t = \(t + 1), \(name) = \(a), expected \(b)")
            }
        }
        // The concatenation puts the previous output first.
        #expect(forward.steps[1].concatenated == [forward.steps[0].output[0], 0.5])
    }

    @Test(arguments: 0..<40) func gradientsMatchFiniteDifferences(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let (network, sequence) = try randomLSTM(&rng)
        let forward = try network.forward(sequence)
        let backward = network.backward(forward)
        for entry in network.gradientCheck(sequence, forward: forward, backward: backward).entries {
            #expect(abs(entry.analytic - entry.numeric) <= 2e-7 * max(1, abs(entry.numeric)),
                    "seed \(seed), \(entry.name): \(entry.analytic) vs \(entry.numeric)")
        }
    }

    /// Second formulation: forward-mode tangents along a random direction d give dE = ∇E·d.
    @Test(arguments: 0..<20) func gradientMatchesForwardModeDirectionalDerivative(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let (network, sequence) = try randomLSTM(&rng)
        let gradient = network.backward(try network.forward(sequence)).gradients.flat
        let direction = gradient.map { _ in rng.uniform(-1...1) }
        let p = network.parameters, d = p.with(flat: direction), h = network.hiddenUnits
        // Dual numbers (value, tangent) carried through the cell.
        var s = sequence.initialState ?? Array(repeating: 0, count: h), ds = Array(repeating: 0.0, count: h)
        var y = Array(repeating: 0.0, count: h), dy = Array(repeating: 0.0, count: h)
        var dE = 0.0
        for (index, x) in sequence.inputs.enumerated() {
            let v = y + x, dv = dy + x.map { _ in 0.0 }
            func gate(_ m: Tensor, _ dm: Tensor, _ b: [Double], _ db: [Double]) -> ([Double], [Double]) {
                let z = Vectors.add(Vectors.times(m, v), b)
                let dz = Vectors.add(Vectors.add(Vectors.times(dm, v), Vectors.times(m, dv)), db)
                return (z, dz)
            }
            let (zf, dzf) = gate(p.W_f, d.W_f, p.b_f, d.b_f), (zi, dzi) = gate(p.W_i, d.W_i, p.b_i, d.b_i)
            let (zs, dzs) = gate(p.W_s, d.W_s, p.b_s, d.b_s), (zo, dzo) = gate(p.W_o, d.W_o, p.b_o, d.b_o)
            var newS = s, newDS = ds, newY = y, newDY = dy
            for k in 0..<h {
                let f = Activation.sigmoid(zf[k]), i = Activation.sigmoid(zi[k]), c = tanh(zs[k]), o = Activation.sigmoid(zo[k])
                let df = f * (1 - f) * dzf[k], di = i * (1 - i) * dzi[k], dc = (1 - c * c) * dzs[k], dout = o * (1 - o) * dzo[k]
                newS[k] = f * s[k] + i * c
                newDS[k] = df * s[k] + f * ds[k] + di * c + i * dc
                let th = tanh(newS[k])
                newY[k] = o * th
                newDY[k] = dout * th + o * (1 - th * th) * newDS[k]
            }
            s = newS; ds = newDS; y = newY; dy = newDY
            if let target = sequence.targets.target(at: index + 1, steps: sequence.steps) {
                for k in 0..<h { dE += (y[k] - target[k]) * dy[k] }
            }
        }
        let dot = zip(gradient, direction).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(dot - dE) < 1e-12 * max(1, abs(dE)), "seed \(seed): ∇E·d = \(dot), forward mode \(dE)")
    }

    /// The constant error carousel: with no loss term after T, ∂E/∂s⁽ᵗ⁾ carried back is ∂E/∂s⁽ᵗ⁺¹⁾ ∘ f⁽ᵗ⁺¹⁾.
    @Test func carouselPassesThroughTheForgetGate() throws {
        let (network, sequence) = try examplesLSTM()
        let forward = try network.forward(sequence)
        let backward = network.backward(forward)
        #expect(backward.steps.map(\.t) == [2, 1])
        #expect(backward.steps[0].carried == [0])
        #expect(backward.steps[1].carried[0] == backward.steps[0].stateGradient[0] * forward.steps[1].forget[0])
        #expect(backward.steps[1].outputGradient == [0])
    }

    @Test func badShapesNameTheKey() throws {
        let (network, _) = try examplesLSTM()
        func key(_ body: () throws -> Void) -> String? {
            do { try body() } catch let error as RecurrentShapeError { return error.key } catch { return "other" }
            return nil
        }
        var p = network.parameters
        p.W_i = Tensor(rows: [[1, 2, 3]])
        #expect(key { _ = try LSTMNetwork(p) } == "W_i")
        p = network.parameters
        p.b_o = [0, 0]
        #expect(key { _ = try LSTMNetwork(p) } == "b_o")
        #expect(key { _ = try network.forward(RecurrentSequence(inputs: [], targets: .last([0]))) } == "inputs")
        #expect(key { _ = try network.forward(RecurrentSequence(inputs: [[1]], targets: .everyStep([[0], [1]]))) } == "targets")
    }
}

@Suite struct LSTMCarouselTests {
    /// With every gate but f fixed, ∂s⁽ᵀ⁾/∂s⁽ᵗ⁾ along the state path is the product of the later forget gates.
    @Test func carouselIsTheProductOfForgetGates() throws {
        let (network, sequence) = try examplesLSTM()
        let forward = try network.forward(sequence)
        let backward = network.backward(forward)
        #expect(backward.carousel.count == 3)
        #expect(backward.carousel[2] == [1])
        #expect(backward.carousel[1] == [forward.steps[1].forget[0]])
        #expect(abs(backward.carousel[0][0] - 0.598688 * 0.582991) < 1e-6)
    }
}

/// Truncated BPTT through the cell: each loss term Eτ backpropagates through steps τ … τ − K + 1
/// only, ŷ⁽τ⁻ᴷ⁾ and s⁽τ⁻ᴷ⁾ held fixed (PyTorch's h.detach() and c.detach()).
@Suite struct LSTMTruncationTests {
    /// The directional derivative ∇E_K·d of the truncated objective, by a second formulation: each
    /// loss term's window unrolled with dual numbers (value, tangent) from the held ŷ⁽τ⁻ᴷ⁾ and
    /// s⁽τ⁻ᴷ⁾ (tangent 0: held), written out here with none of the engine's cell code.
    static func truncatedDirectionalDerivative(_ network: LSTMNetwork, _ sequence: RecurrentSequence, window k: Int,
                                               held: LSTMForwardTrace, direction: [Double]) -> Double {
        let p = network.parameters, d = p.with(flat: direction), h = network.hiddenUnits
        var dE = 0.0
        for tau in sequence.targets.lossSteps(sequence.steps) {
            let start = max(0, tau - k)
            var y = start == 0 ? Array(repeating: 0.0, count: h) : held.steps[start - 1].output
            var s = start == 0 ? held.initialState : held.steps[start - 1].state
            var dy = Array(repeating: 0.0, count: h), ds = Array(repeating: 0.0, count: h)
            for t in (start + 1)...tau {
                let x = sequence.inputs[t - 1]
                let v = y + x, dv = dy + x.map { _ in 0.0 }
                func gate(_ m: Tensor, _ dm: Tensor, _ b: [Double], _ db: [Double]) -> ([Double], [Double]) {
                    let z = (0..<h).map { r in v.indices.reduce(b[r]) { $0 + m[r, $1] * v[$1] } }
                    let dz = (0..<h).map { r in v.indices.reduce(db[r]) { $0 + dm[r, $1] * v[$1] + m[r, $1] * dv[$1] } }
                    return (z, dz)
                }
                let (zf, dzf) = gate(p.W_f, d.W_f, p.b_f, d.b_f), (zi, dzi) = gate(p.W_i, d.W_i, p.b_i, d.b_i)
                let (zs, dzs) = gate(p.W_s, d.W_s, p.b_s, d.b_s), (zo, dzo) = gate(p.W_o, d.W_o, p.b_o, d.b_o)
                var newS = s, newDS = ds, newY = y, newDY = dy
                for u in 0..<h {
                    let f = 1 / (1 + exp(-zf[u])), i = 1 / (1 + exp(-zi[u])), c = tanh(zs[u]), o = 1 / (1 + exp(-zo[u]))
                    let df = f * (1 - f) * dzf[u], di = i * (1 - i) * dzi[u], dc = (1 - c * c) * dzs[u], dout = o * (1 - o) * dzo[u]
                    newS[u] = f * s[u] + i * c
                    newDS[u] = df * s[u] + f * ds[u] + di * c + i * dc
                    let th = tanh(newS[u])
                    newY[u] = o * th
                    newDY[u] = dout * th + o * (1 - th * th) * newDS[u]
                }
                s = newS; ds = newDS; y = newY; dy = newDY
            }
            let target = sequence.targets.target(at: tau, steps: sequence.steps) ?? []
            for u in 0..<h { dE += (y[u] - target[u]) * dy[u] }
        }
        return dE
    }

    /// Truncated BPTT equals the forward-mode derivative of the held-state objective along random
    /// directions, for every K from 1 to T + 1 (seeded networks: h, n 1…3, T 1…5, many-to-one and
    /// many-to-many, some with s⁽⁰⁾). Tolerance 1e-12 relative: two exact formulations of one
    /// derivative differ by rounding only.
    @Test(arguments: 0..<40) func truncatedGradientMatchesForwardModeOfTheHeldObjective(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let (network, sequence) = try randomLSTM(&rng)
        let forward = try network.forward(sequence)
        for k in 1...(sequence.steps + 1) {
            let gradient = network.backward(forward, truncation: k).gradients.flat
            for _ in 0..<2 {
                let direction = gradient.map { _ in rng.uniform(-1...1) }
                let dot = zip(gradient, direction).reduce(0) { $0 + $1.0 * $1.1 }
                let dE = Self.truncatedDirectionalDerivative(network, sequence, window: k, held: forward, direction: direction)
                #expect(abs(dot - dE) < 1e-12 * max(1, abs(dE)), "seed \(seed), K = \(k), \(sequence.targets.kind), T = \(sequence.steps): ∇E_K·d = \(dot), forward mode \(dE)")
            }
        }
    }

    /// Truncated BPTT matches central differences of the truncated objective on every parameter
    /// (ε = 1e-6: O(ε²) truncation and ~1e-10 rounding, well under 2e-7).
    @Test(arguments: 0..<30) func truncatedGradientsMatchHeldStateDifferences(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let (network, sequence) = try randomLSTM(&rng)
        let k = rng.int(1...sequence.steps)
        let forward = try network.forward(sequence)
        let backward = network.backward(forward, truncation: k)
        let check = network.gradientCheck(sequence, forward: forward, backward: backward)
        for entry in check.entries {
            #expect(abs(entry.analytic - entry.numeric) <= 2e-7 * max(1, abs(entry.numeric)),
                    "seed \(seed), K = \(k), \(entry.name): \(entry.analytic) vs \(entry.numeric)")
        }
    }

    /// The trace's bookkeeping: one chain per loss term reaching back to step 1, each link kept
    /// exactly when k > τ − K, the per-step sums naming the terms they add, every link of every
    /// chain (kept or cut) adding up to full BPTT, and the full gradients those of a run without K.
    @Test(arguments: 0..<30) func chainsWindowsAndSumsAreConsistent(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let (network, sequence) = try randomLSTM(&rng)
        let k = rng.int(1...sequence.steps)
        let forward = try network.forward(sequence)
        let full = network.backward(forward)
        let backward = network.backward(forward, truncation: k)
        let chains = try #require(backward.chains), sums = try #require(backward.truncatedSteps)
        #expect(chains.map(\.lossStep) == sequence.targets.lossSteps(sequence.steps))
        #expect(backward.full == full.gradients && backward.steps == full.steps && backward.carousel == full.carousel)
        var everyLink = LSTMParameters(hidden: network.hiddenUnits, inputs: network.inputs)
        for chain in chains {
            #expect(chain.links.map(\.t) == Array((1...chain.lossStep).reversed()))
            for link in chain.links {
                #expect(link.kept == (link.t > chain.lossStep - k), "seed \(seed), E\(chain.lossStep), step \(link.t)")
                everyLink.add(link, input: forward.steps[link.t - 1].concatenated)
            }
        }
        for (a, b) in zip(everyLink.flat, full.gradients.flat) {
            #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "seed \(seed): all links \(a), full BPTT \(b)")
        }
        #expect(sums.map(\.t) == Array((1...sequence.steps).reversed()))
        for step in sums {
            let reaching = sequence.targets.lossSteps(sequence.steps).filter { $0 >= step.t }
            #expect(step.keptTerms == reaching.filter { step.t > $0 - k } && step.cutTerms == reaching.filter { step.t <= $0 - k })
        }
        #expect(backward.cutLinks == chains.reduce(0) { $0 + $1.links.filter { $0.kept == false }.count })
        #expect(backward.cutLinks == chains.reduce(0) { $0 + max(0, $1.lossStep - k) })
    }

    /// K ≥ T cuts nothing: the truncated gradients are the full ones, the same numbers as a run
    /// without truncation; a smaller K that cuts a link differs.
    @Test(arguments: 0..<30) func aWindowAsLongAsTheSequenceIsFullBPTT(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let (network, sequence) = try randomLSTM(&rng)
        let forward = try network.forward(sequence)
        let full = network.backward(forward).gradients
        for k in [sequence.steps, sequence.steps + 1, 1_000, Int.max] {
            let backward = network.backward(forward, truncation: k)
            #expect(backward.cutLinks == 0 && backward.gradients == full && backward.truncationDifference == 0, "seed \(seed), K = \(k)")
        }
        if sequence.steps > 1 {
            let cut = network.backward(forward, truncation: sequence.steps - 1)
            #expect(cut.cutLinks > 0 && cut.truncationDifference > 0, "seed \(seed)")
        }
    }

    /// Many-to-one with K = 1: only step T adds, δ_g⁽ᵀ⁾ [ŷ⁽ᵀ⁻¹⁾, x⁽ᵀ⁾]ᵀ, which is step T of
    /// full BPTT. On EXAMPLES.md's cell (T = 2) the ŷ column keeps its full value (ŷ⁽⁰⁾ = 0, so the
    /// cut step 1 adds nothing there) and ∂E/∂b_i drops from −0.021456 to −0.010769.
    @Test func examplesCellTruncatedToOneStep() throws {
        let (network, sequence) = try examplesLSTM()
        let forward = try network.forward(sequence)
        let full = network.backward(forward)
        let one = network.backward(forward, truncation: 1)
        var last = LSTMParameters(hidden: 1, inputs: 1)
        last.add(full.steps[0], input: forward.steps[1].concatenated)
        #expect(one.gradients == last)
        #expect(one.cutLinks == 1 && one.chains?.first?.links.map(\.kept) == [true, false])
        for (m, f) in zip(one.gradients.weights, full.gradients.weights) { #expect(m[0, 0] == f[0, 0]) }
        #expect(abs(full.gradients.b_i[0] - -0.021456) < 5e-7 && abs(one.gradients.b_i[0] - -0.010769) < 5e-7)
        // What stays fixed: the truncated objective at the engine's own parameters is E.
        #expect(abs(network.truncatedObjective(sequence, window: 1, heldStates: forward) - forward.loss) < 1e-15)
    }
}
