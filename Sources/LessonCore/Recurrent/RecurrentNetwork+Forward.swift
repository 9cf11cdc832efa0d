import Foundation

extension RecurrentNetwork {
    /// The forward pass: for t = 1 … T, z⁽ᵗ⁾ = W s⁽ᵗ⁻¹⁾ + U x⁽ᵗ⁾ + b, s⁽ᵗ⁾ = φ₁(z⁽ᵗ⁾),
    /// ŷ⁽ᵗ⁾ = φ₂(V s⁽ᵗ⁾ + c), and Eₜ = L(ŷ⁽ᵗ⁾, y⁽ᵗ⁾) where step t has a target.
    /// Sums run in index order, j = 1 … h then 1 … n, as PyTorch's reference loops would.
    public func forward(_ sequence: RecurrentSequence) throws -> RNNForwardTrace {
        try validate(sequence)
        let s0 = sequence.initialState ?? Array(repeating: 0, count: hiddenUnits)
        var previous = s0
        var steps: [RNNStep] = []
        var total = 0.0
        for (index, x) in sequence.inputs.enumerated() {
            let t = index + 1
            let recurrent = Vectors.times(W, previous)
            let fromInput = Vectors.times(U, x)
            let z = (0..<hiddenUnits).map { recurrent[$0] + fromInput[$0] + b[$0] }
            let s = hiddenActivation.apply(z)
            let q = Vectors.add(Vectors.times(V, s), c)
            let a = outputActivation.apply(q)
            let y = sequence.targets.target(at: t, steps: sequence.steps)
            let e = y.map { loss.value(output: a, target: $0, preActivation: q, activation: outputActivation) }
            if let e { total += e }
            steps.append(RNNStep(t: t, input: x, previousState: previous, recurrent: recurrent, fromInput: fromInput,
                                 preActivation: z, state: s, outputPreActivation: q, output: a, target: y, loss: e))
            previous = s
        }
        return RNNForwardTrace(initialState: s0, steps: steps, loss: total, kind: sequence.targets.kind)
    }

    /// E for the sequence, without a trace (what a finite difference evaluates).
    public func lossValue(_ sequence: RecurrentSequence) throws -> Double {
        try forward(sequence).loss
    }

    /// The objective truncated BPTT differentiates: each loss term Eτ computed from the state
    /// s⁽τ⁻ᴷ⁾ held fixed at `heldStates` (the forward pass at the original parameters), so only
    /// the last K steps before τ depend on the parameters. Its gradient is the truncated gradient.
    public func truncatedObjective(_ sequence: RecurrentSequence, window k: Int, heldStates: RNNForwardTrace) -> Double {
        precondition(k >= 1, "a truncation window of \(k) steps")
        var total = 0.0
        for tau in sequence.targets.lossSteps(sequence.steps) {
            let start = max(0, tau - k)
            var s = heldStates.state(start)
            for t in (start + 1)...tau {
                let z = Vectors.add(Vectors.add(Vectors.times(W, s), Vectors.times(U, sequence.inputs[t - 1])), b)
                s = hiddenActivation.apply(z)
            }
            let q = Vectors.add(Vectors.times(V, s), c)
            let a = outputActivation.apply(q)
            if let y = sequence.targets.target(at: tau, steps: sequence.steps) {
                total += loss.value(output: a, target: y, preActivation: q, activation: outputActivation)
            }
        }
        return total
    }
}
