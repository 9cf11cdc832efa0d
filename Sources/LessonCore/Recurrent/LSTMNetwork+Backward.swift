import Foundation

extension LSTMNetwork {
    /// Backpropagation through time for the cell, from t = T to 1 (see `LSTMBackwardStep`):
    ///
    ///     ∂E/∂ŷ⁽ᵗ⁾ = (ŷ⁽ᵗ⁾ − y⁽ᵗ⁾) + [Σ_g W_gᵀ δ_g⁽ᵗ⁺¹⁾] on the first h rows,
    ///     ∂E/∂s⁽ᵗ⁾ = ∂E/∂ŷ⁽ᵗ⁾ ∘ o ∘ (1 − tanh² s⁽ᵗ⁾) + ∂E/∂s⁽ᵗ⁺¹⁾ ∘ f⁽ᵗ⁺¹⁾,
    ///
    /// and the gate deltas give ∂E/∂W_g += δ_g [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]ᵀ, ∂E/∂b_g += δ_g. These are the
    /// gradients of PyTorch's `nn.LSTM` with its weights rearranged (see `LSTMNetwork`).
    public func backward(_ forward: LSTMForwardTrace) -> LSTMBackwardTrace {
        let h = hiddenUnits, p = parameters
        var grads = LSTMParameters(hidden: h, inputs: inputs)
        var fromNext = Array(repeating: 0.0, count: h)
        var stateFromNext = Array(repeating: 0.0, count: h)
        var forgetNext = Array(repeating: 0.0, count: h)
        var steps: [LSTMBackwardStep] = []
        for step in forward.steps.reversed() {
            let own = step.target.map { zip(step.output, $0).map { $0 - $1 } } ?? Array(repeating: 0, count: h)
            let dy = Vectors.add(own, fromNext)
            let squashDerivative = step.squashedState.map { 1 - $0 * $0 }
            let throughOutput = Self.product(dy, step.outputGate, squashDerivative)
            let carried = Vectors.hadamard(stateFromNext, forgetNext)
            let ds = Vectors.add(throughOutput, carried)
            let df = Self.product(ds, step.previousState, step.forget.map { $0 * (1 - $0) })
            let di = Self.product(ds, step.candidate, step.input.map { $0 * (1 - $0) })
            let dc = Self.product(ds, step.input, step.candidate.map { 1 - $0 * $0 })
            let dout = Self.product(dy, step.squashedState, step.outputGate.map { $0 * (1 - $0) })
            let v = step.concatenated
            grads.W_f = Vectors.add(grads.W_f, Vectors.outer(df, v))
            grads.W_i = Vectors.add(grads.W_i, Vectors.outer(di, v))
            grads.W_s = Vectors.add(grads.W_s, Vectors.outer(dc, v))
            grads.W_o = Vectors.add(grads.W_o, Vectors.outer(dout, v))
            grads.b_f = Vectors.add(grads.b_f, df)
            grads.b_i = Vectors.add(grads.b_i, di)
            grads.b_s = Vectors.add(grads.b_s, dc)
            grads.b_o = Vectors.add(grads.b_o, dout)
            steps.append(LSTMBackwardStep(t: step.t, outputGradient: own, recurrentGradient: fromNext, hiddenGradient: dy,
                                          squashDerivative: squashDerivative, throughOutput: throughOutput, carried: carried, stateGradient: ds, forgetDelta: df,
                                          inputDelta: di, candidateDelta: dc, outputDelta: dout))
            var dv = Vectors.transposedTimes(p.W_f, df)
            dv = Vectors.add(dv, Vectors.transposedTimes(p.W_i, di))
            dv = Vectors.add(dv, Vectors.transposedTimes(p.W_s, dc))
            dv = Vectors.add(dv, Vectors.transposedTimes(p.W_o, dout))
            fromNext = Array(dv.prefix(h))
            stateFromNext = ds
            forgetNext = step.forget
        }
        var carousel = [Array(repeating: 1.0, count: h)]
        for step in forward.steps.reversed() { carousel.append(Vectors.hadamard(carousel[carousel.count - 1], step.forget)) }
        return LSTMBackwardTrace(steps: steps, gradients: grads, carousel: carousel.reversed())
    }

    /// a ∘ b ∘ c, element by element, multiplied left to right.
    static func product(_ a: [Double], _ b: [Double], _ c: [Double]) -> [Double] {
        a.indices.map { (a[$0] * b[$0]) * c[$0] }
    }

    /// Checks `backward` by central differences of E over every weight and bias.
    public func gradientCheck(_ sequence: RecurrentSequence, backward: LSTMBackwardTrace,
                              epsilon: Double = 1e-6) -> RecurrentGradientCheck {
        RecurrentGradientCheck.compare(names: parameters.names, parameters: parameters.flat, analytic: backward.gradients.flat,
                                       epsilon: epsilon) { flat in
            forwardUnchecked(sequence, parameters: parameters.with(flat: flat)).loss
        }
    }
}
