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
            let target = sequence.targets.target(at: t, steps: sequence.steps)
            let e = target.map { Loss.mse.value(output: output, target: $0) }
            if let e { total += e }
            steps.append(LSTMStep(t: t, concatenated: v, previousState: s, forgetInput: zf, inputInput: zi, candidateInput: zs,
                                  outputInput: zo, forget: f, input: i, candidate: candidate, outputGate: o, kept: kept, written: written, state: state,
                                  squashedState: squashed, output: output, target: target, loss: e))
            s = state
            y = output
        }
        return LSTMForwardTrace(initialState: s0, steps: steps, loss: total, kind: sequence.targets.kind)
    }
}
