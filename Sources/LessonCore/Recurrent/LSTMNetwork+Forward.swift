import Foundation

extension LSTMNetwork {
    /// The forward pass over `sequence`, ŷ⁽⁰⁾ = 0 and s⁽⁰⁾ = `initialState` or 0 (see `LSTMNetwork`).
    public func forward(_ sequence: RecurrentSequence) throws -> LSTMForwardTrace {
        try validate(sequence)
        return forwardUnchecked(sequence, parameters: parameters)
    }

    /// The forward pass with other parameters of the same shapes (what a finite difference runs).
    func forwardUnchecked(_ sequence: RecurrentSequence, parameters p: LSTMParameters) -> LSTMForwardTrace {
        let h = hiddenUnits
        let s0 = sequence.initialState ?? Array(repeating: 0, count: h)
        var s = s0
        var y = Array(repeating: 0.0, count: h)
        var steps: [LSTMStep] = []
        var total = 0.0
        for (index, x) in sequence.inputs.enumerated() {
            let t = index + 1
            let step = Self.step(t: t, previousOutput: y, previousState: s, input: x,
                                 target: sequence.targets.target(at: t, steps: sequence.steps), parameters: p)
            if let e = step.loss { total += e }
            steps.append(step)
            s = step.state
            y = step.output
        }
        return LSTMForwardTrace(initialState: s0, steps: steps, loss: total, kind: sequence.targets.kind)
    }

    /// One step of the cell from ŷ⁽ᵗ⁻¹⁾ and s⁽ᵗ⁻¹⁾, with its loss ½Σ(ŷ⁽ᵗ⁾ − y)² where it has a target.
    static func step(t: Int, previousOutput y: [Double], previousState s: [Double], input x: [Double], target: [Double]?,
                     parameters p: LSTMParameters) -> LSTMStep {
        let v = y + x
        let zf = Vectors.add(Vectors.times(p.W_f, v), p.b_f)
        let zi = Vectors.add(Vectors.times(p.W_i, v), p.b_i)
        let zs = Vectors.add(Vectors.times(p.W_s, v), p.b_s)
        let zo = Vectors.add(Vectors.times(p.W_o, v), p.b_o)
        let f = zf.map(Activation.sigmoid), i = zi.map(Activation.sigmoid)
        let candidate = zs.map(Foundation.tanh), o = zo.map(Activation.sigmoid)
        let kept = Vectors.hadamard(f, s), written = Vectors.hadamard(i, candidate)
        let state = Vectors.add(kept, written)
        let squashed = state.map(Foundation.tanh)
        let output = Vectors.hadamard(o, squashed)
        let e = target.map { Loss.mse.value(output: output, target: $0) }
        return LSTMStep(t: t, concatenated: v, previousState: s, forgetInput: zf, inputInput: zi, candidateInput: zs,
                        outputInput: zo, forget: f, input: i, candidate: candidate, outputGate: o, kept: kept, written: written,
                        state: state, squashedState: squashed, output: output, target: target, loss: e)
    }

    /// The objective truncated BPTT differentiates: each loss term Eτ computed from ŷ⁽τ⁻ᴷ⁾ and
    /// s⁽τ⁻ᴷ⁾ held fixed at `heldStates` (the forward pass at the original parameters; ŷ⁽⁰⁾ = 0
    /// and s⁽⁰⁾ where τ − K ≤ 0), so only the last K steps up to τ depend on `parameters`. Its
    /// gradient is the truncated gradient; PyTorch's `h.detach()` and `c.detach()` at τ − K give it.
    public func truncatedObjective(_ sequence: RecurrentSequence, window k: Int, heldStates: LSTMForwardTrace,
                                   parameters p: LSTMParameters? = nil) -> Double {
        precondition(k >= 1, "a truncation window of \(k) steps")
        let p = p ?? parameters
        var total = 0.0
        for tau in sequence.targets.lossSteps(sequence.steps) {
            let start = max(0, tau - k)
            var y = start == 0 ? Array(repeating: 0.0, count: hiddenUnits) : heldStates.steps[start - 1].output
            var s = start == 0 ? heldStates.initialState : heldStates.steps[start - 1].state
            var loss = 0.0
            for t in (start + 1)...tau {
                let step = Self.step(t: t, previousOutput: y, previousState: s, input: sequence.inputs[t - 1],
                                     target: t == tau ? sequence.targets.target(at: tau, steps: sequence.steps) : nil, parameters: p)
                (y, s) = (step.output, step.state)
                loss = step.loss ?? 0
            }
            total += loss
        }
        return total
    }
}
