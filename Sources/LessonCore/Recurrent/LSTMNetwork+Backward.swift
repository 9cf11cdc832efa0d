import Foundation

extension LSTMNetwork {
    /// Backpropagation through time for the cell, from t = T to 1 (see `LSTMBackwardStep`):
    ///
    ///     ∂E/∂ŷ⁽ᵗ⁾ = (ŷ⁽ᵗ⁾ − y⁽ᵗ⁾) + [Σ_g W_gᵀ δ_g⁽ᵗ⁺¹⁾] on the first h rows,
    ///     ∂E/∂s⁽ᵗ⁾ = ∂E/∂ŷ⁽ᵗ⁾ ∘ o ∘ (1 − tanh² s⁽ᵗ⁾) + ∂E/∂s⁽ᵗ⁺¹⁾ ∘ f⁽ᵗ⁺¹⁾,
    ///
    /// and the gate deltas give ∂E/∂W_g += δ_g [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]ᵀ, ∂E/∂b_g += δ_g. These are the
    /// gradients of PyTorch's `nn.LSTM` with its weights rearranged (see `LSTMNetwork`).
    ///
    /// With `truncation` K, each loss term Eτ also runs the same recursion alone, from its own
    /// ŷ⁽τ⁾ − y⁽τ⁾ at k = τ back to k = 1, and only its steps k > τ − K count: the gradient of
    /// `truncatedObjective`, where ŷ⁽τ⁻ᴷ⁾ and s⁽τ⁻ᴷ⁾ are held fixed. That is what PyTorch computes
    /// when each term's forward starts from `(h.detach(), c.detach())` of step τ − K (both: s
    /// carries the gradient through the forget gate as ŷ does through the gates). When the
    /// window cuts nothing (K ≥ τ for every term) the truncated gradients are the full ones.
    public func backward(_ forward: LSTMForwardTrace, truncation: Int? = nil) -> LSTMBackwardTrace {
        if let truncation { precondition(truncation >= 1, "truncation to \(truncation) steps") }
        let h = hiddenUnits
        var grads = LSTMParameters(hidden: h, inputs: inputs)
        var fromNext = Array(repeating: 0.0, count: h)
        var stateFromNext = Array(repeating: 0.0, count: h)
        var forgetNext = Array(repeating: 0.0, count: h)
        var steps: [LSTMBackwardStep] = []
        for step in forward.steps.reversed() {
            let own = step.target.map { zip(step.output, $0).map { $0 - $1 } } ?? Array(repeating: 0, count: h)
            let (back, toPrevious) = backStep(step, own: own, fromNext: fromNext, stateFromNext: stateFromNext, forgetNext: forgetNext)
            grads.add(back, input: step.concatenated)
            steps.append(back)
            fromNext = toPrevious
            stateFromNext = back.stateGradient
            forgetNext = step.forget
        }
        var carousel = [Array(repeating: 1.0, count: h)]
        for step in forward.steps.reversed() { carousel.append(Vectors.hadamard(carousel[carousel.count - 1], step.forget)) }
        var trace = LSTMBackwardTrace(steps: steps, gradients: grads, carousel: carousel.reversed())
        if let truncation { truncate(&trace, forward, window: truncation) }
        return trace
    }

    /// Adds truncation to K steps to a full trace: the chains, the kept sums per step, the
    /// truncated gradients (and the full ones beside them).
    private func truncate(_ trace: inout LSTMBackwardTrace, _ forward: LSTMForwardTrace, window k: Int) {
        let h = hiddenUnits, zeros = Array(repeating: 0.0, count: h)
        var chains: [LSTMBackwardChain] = []
        for tau in forward.steps.indices.map({ $0 + 1 }) {
            let last = forward.steps[tau - 1]
            guard let y = last.target else { continue }
            var fromNext = zeros, stateFromNext = zeros, forgetNext = zeros
            var links: [LSTMBackwardStep] = []
            for t in stride(from: tau, through: 1, by: -1) {
                let step = forward.steps[t - 1]
                let own = t == tau ? zip(step.output, y).map { $0 - $1 } : zeros
                var (back, toPrevious) = backStep(step, own: own, fromNext: fromNext, stateFromNext: stateFromNext, forgetNext: forgetNext)
                back.kept = t > tau - k
                links.append(back)
                fromNext = toPrevious
                stateFromNext = back.stateGradient
                forgetNext = step.forget
            }
            chains.append(LSTMBackwardChain(lossStep: tau, links: links))
        }
        var truncated: [LSTMTruncatedStep] = []
        var grads = LSTMParameters(hidden: h, inputs: inputs)
        for step in forward.steps.reversed() {
            let t = step.t
            var sum = LSTMTruncatedStep(t: t, keptTerms: [], cutTerms: [], stateGradient: zeros, forgetDelta: zeros,
                                        inputDelta: zeros, candidateDelta: zeros, outputDelta: zeros)
            for chain in chains where chain.lossStep >= t {
                let link = chain.links[chain.lossStep - t]
                guard link.kept == true else {
                    sum.cutTerms.append(chain.lossStep)
                    continue
                }
                sum.keptTerms.append(chain.lossStep)
                sum.stateGradient = Vectors.add(sum.stateGradient, link.stateGradient)
                sum.forgetDelta = Vectors.add(sum.forgetDelta, link.forgetDelta)
                sum.inputDelta = Vectors.add(sum.inputDelta, link.inputDelta)
                sum.candidateDelta = Vectors.add(sum.candidateDelta, link.candidateDelta)
                sum.outputDelta = Vectors.add(sum.outputDelta, link.outputDelta)
            }
            grads.add(deltas: [sum.forgetDelta, sum.inputDelta, sum.candidateDelta, sum.outputDelta], input: step.concatenated)
            truncated.append(sum)
        }
        trace.truncation = k
        trace.chains = chains
        trace.truncatedSteps = truncated
        trace.full = trace.gradients
        // Nothing cut: the truncated gradient is the full one, the same sums (not a re-rounding of them).
        if trace.cutLinks > 0 { trace.gradients = grads }
    }

    /// One step of the recursion: what reaches `step` (its own ∂E/∂ŷ, the ŷ rows of Σ_g W_gᵀ δ_g
    /// of the step after it, that step's ∂E/∂s and f) and the ŷ rows it sends to the step before.
    private func backStep(_ step: LSTMStep, own: [Double], fromNext: [Double], stateFromNext: [Double],
                          forgetNext: [Double]) -> (LSTMBackwardStep, toPrevious: [Double]) {
        let p = parameters
        let dy = Vectors.add(own, fromNext)
        let squashDerivative = step.squashedState.map { 1 - $0 * $0 }
        let throughOutput = Self.product(dy, step.outputGate, squashDerivative)
        let carried = Vectors.hadamard(stateFromNext, forgetNext)
        let ds = Vectors.add(throughOutput, carried)
        let df = Self.product(ds, step.previousState, step.forget.map { $0 * (1 - $0) })
        let di = Self.product(ds, step.candidate, step.input.map { $0 * (1 - $0) })
        let dc = Self.product(ds, step.input, step.candidate.map { 1 - $0 * $0 })
        let dout = Self.product(dy, step.squashedState, step.outputGate.map { $0 * (1 - $0) })
        var dv = Vectors.transposedTimes(p.W_f, df)
        dv = Vectors.add(dv, Vectors.transposedTimes(p.W_i, di))
        dv = Vectors.add(dv, Vectors.transposedTimes(p.W_s, dc))
        dv = Vectors.add(dv, Vectors.transposedTimes(p.W_o, dout))
        let back = LSTMBackwardStep(t: step.t, outputGradient: own, recurrentGradient: fromNext, hiddenGradient: dy,
                                    squashDerivative: squashDerivative, throughOutput: throughOutput, carried: carried,
                                    stateGradient: ds, forgetDelta: df, inputDelta: di, candidateDelta: dc, outputDelta: dout)
        return (back, Array(dv.prefix(hiddenUnits)))
    }

    /// a ∘ b ∘ c, element by element, multiplied left to right.
    static func product(_ a: [Double], _ b: [Double], _ c: [Double]) -> [Double] {
        a.indices.map { (a[$0] * b[$0]) * c[$0] }
    }

    /// Checks `backward` (from `forward` of this network on `sequence`) by central differences
    /// over every weight and bias: of E itself, or truncated, of `truncatedObjective` (ŷ and s
    /// before each window held at `forward`'s values), whose gradient the truncated BPTT is.
    public func gradientCheck(_ sequence: RecurrentSequence, forward: LSTMForwardTrace, backward: LSTMBackwardTrace,
                              epsilon: Double = 1e-6) -> RecurrentGradientCheck {
        RecurrentGradientCheck.compare(names: parameters.names, parameters: parameters.flat, analytic: backward.gradients.flat,
                                       epsilon: epsilon) { flat in
            let p = parameters.with(flat: flat)
            if let k = backward.truncation { return truncatedObjective(sequence, window: k, heldStates: forward, parameters: p) }
            return forwardUnchecked(sequence, parameters: p).loss
        }
    }
}

extension LSTMParameters {
    /// Adds one step's part of the gradients: δ_g [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]ᵀ to each W_g and δ_g to each b_g.
    mutating func add(_ step: LSTMBackwardStep, input v: [Double]) {
        add(deltas: [step.forgetDelta, step.inputDelta, step.candidateDelta, step.outputDelta], input: v)
    }

    /// Adds δ_g vᵀ to W_g and δ_g to b_g for the gates f, i, s̃, o (`deltas` in that order).
    mutating func add(deltas d: [[Double]], input v: [Double]) {
        W_f = Vectors.add(W_f, Vectors.outer(d[0], v))
        W_i = Vectors.add(W_i, Vectors.outer(d[1], v))
        W_s = Vectors.add(W_s, Vectors.outer(d[2], v))
        W_o = Vectors.add(W_o, Vectors.outer(d[3], v))
        b_f = Vectors.add(b_f, d[0])
        b_i = Vectors.add(b_i, d[1])
        b_s = Vectors.add(b_s, d[2])
        b_o = Vectors.add(b_o, d[3])
    }
}
