import Foundation

extension RecurrentNetwork {
    /// Backpropagation through time, loss term by loss term (seeds/003):
    ///
    ///     δ_out⁽τ⁾ = ∂Eτ/∂q⁽τ⁾ (ŷ − y for sigmoid with binary cross-entropy),
    ///     ∂Eτ/∂s⁽τ⁾ = Vᵀ δ_out⁽τ⁾,   δ⁽ᵏ⁾ = ∂Eτ/∂s⁽ᵏ⁾ ∘ φ₁′(z⁽ᵏ⁾),   ∂Eτ/∂s⁽ᵏ⁻¹⁾ = Wᵀ δ⁽ᵏ⁾,
    ///     ∂E/∂W = Στ Σₖ δ⁽ᵏ⁾ s⁽ᵏ⁻¹⁾ᵀ,  ∂E/∂U = Σ δ⁽ᵏ⁾ x⁽ᵏ⁾ᵀ,  ∂E/∂b = Σ δ⁽ᵏ⁾,
    ///     ∂E/∂V = Στ δ_out⁽τ⁾ s⁽τ⁾ᵀ,  ∂E/∂c = Στ δ_out⁽τ⁾.
    ///
    /// With `truncation` K, term τ sums only k = τ, …, τ − K + 1 (the states s⁽τ⁾ … s⁽τ⁻ᴷ⁺¹⁾),
    /// which is the gradient of `truncatedObjective`; V and c are never truncated. The full
    /// gradients equal PyTorch's autograd on the unrolled network.
    ///
    /// `derivative` replaces φ₁′ as a function of (z, s): the grader passes a mistaken rule,
    /// such as tanh′ written 1 − s, to know the answer that mistake gives.
    public func backward(_ forward: RNNForwardTrace, truncation: Int? = nil,
                         derivative rule: ((_ z: Double, _ s: Double) -> Double)? = nil) -> BPTTTrace {
        if let truncation { precondition(truncation >= 1, "truncation to \(truncation) steps") }
        let h = hiddenUnits, n = inputs, o = outputs, steps = forward.steps.count
        var full = RecurrentGradients(hidden: h, inputs: n, outputs: o)
        var kept = full
        var stateGradients = Array(repeating: Array(repeating: 0.0, count: h), count: steps)
        var chains: [BPTTChain] = []
        for step in forward.steps {
            guard let y = step.target else { continue }
            let tau = step.t
            let outputGradient = loss.recorded(gradient: loss.gradient(output: step.output, target: y, preActivation: step.outputPreActivation,
                                                                       activation: outputActivation),
                                               activation: outputActivation)
            let outputDelta = Vectors.outputDelta(activation: outputActivation, loss: loss, q: step.outputPreActivation,
                                                  a: step.output, y: y)
            let gradV = Vectors.outer(outputDelta, step.state)
            full.V = Vectors.add(full.V, gradV)
            full.c = Vectors.add(full.c, outputDelta)
            var g = Vectors.transposedTimes(V, outputDelta)
            var links: [BPTTLink] = []
            for k in stride(from: tau, through: 1, by: -1) {
                let current = forward.steps[k - 1]
                let derivative = rule.map { rule in zip(current.preActivation, current.state).map { rule($0, $1) } }
                    ?? current.preActivation.map(hiddenActivation.derivative)
                let delta = Vectors.hadamard(g, derivative)
                let link = BPTTLink(step: k, stateGradient: g, derivative: derivative, delta: delta,
                                    gradW: Vectors.outer(delta, current.previousState), gradU: Vectors.outer(delta, current.input),
                                    gradB: delta, kept: truncation.map { k > tau - $0 } ?? true)
                stateGradients[k - 1] = Vectors.add(stateGradients[k - 1], g)
                full.W = Vectors.add(full.W, link.gradW)
                full.U = Vectors.add(full.U, link.gradU)
                full.b = Vectors.add(full.b, link.gradB)
                if link.kept {
                    kept.W = Vectors.add(kept.W, link.gradW)
                    kept.U = Vectors.add(kept.U, link.gradU)
                    kept.b = Vectors.add(kept.b, link.gradB)
                }
                links.append(link)
                g = Vectors.transposedTimes(W, delta)
            }
            chains.append(BPTTChain(lossStep: tau, outputGradient: outputGradient, outputDelta: outputDelta, links: links))
        }
        kept.V = full.V
        kept.c = full.c
        return BPTTTrace(truncation: truncation, chains: chains, full: full, gradients: kept, stateGradients: stateGradients)
    }
}
