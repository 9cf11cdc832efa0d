import Foundation
import LessonCore

/// The text of the lstm lesson: it only reads the cell and the traces.
enum LSTMText {
    static let gateNames = ["f", "i", "s̃", "o"]

    /// The equations, the mapping to colah's and PyTorch's notation, the parameters.
    static func header(_ network: LSTMNetwork, _ sequence: RecurrentSequence, forward: LSTMForwardTrace, truncation: Int? = nil) -> [String] {
        let h = network.hiddenUnits, n = network.inputs
        var lines = ["The LSTM cell (seeds/003), input [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾] with the previous output first:",
                     "  f = σ(W_f·[ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾] + b_f), i = σ(W_i·[…] + b_i), s̃ = tanh(W_s·[…] + b_s),",
                     "  s⁽ᵗ⁾ = f ∗ s⁽ᵗ⁻¹⁾ + i ∗ s̃, o = σ(W_o·[…] + b_o), ŷ⁽ᵗ⁾ = o ∗ tanh(s⁽ᵗ⁾)",
                     "In colah's and PyTorch's notation the seed's state s is the cell state c and its output ŷ the hidden state h;",
                     "PyTorch's nn.LSTM orders the gates i, f, g, o (g = s̃) in one weight_ih_l0 (4h×n: the x columns of W_i, W_f, W_s, W_o)",
                     "and one weight_hh_l0 (4h×h: the ŷ columns), with two biases b_ih + b_hh = b; colah writes W·[h, x], the same order as here.",
                     "h = \(h) \(Counted.noun(h, "unit")), n = \(n) \(Counted.noun(n, "input")), T = \(sequence.steps) \(Counted.noun(sequence.steps, "step")), \(forward.kind); loss ½Σ(ŷ − y)²"
                        + (truncation.map { "; BPTT truncated to K = \($0)" } ?? "")]
        let p = network.parameters
        for (key, (m, b)) in zip(LSTMParameters.keys.prefix(4), zip(p.weights, p.biases)) {
            lines.append("  \(key) = \(Notation.inlineMatrix(m)), \(key.replacingOccurrences(of: "W", with: "b")) = \(RNNText.vector(b))")
        }
        lines.append("  s⁽⁰⁾ = \(RNNText.vector(forward.initialState)), ŷ⁽⁰⁾ = 0; " + sequence.inputs.enumerated().map { "x⁽\(NetworkNotation.raised($0.offset + 1))⁾ = \(RNNText.vector($0.element))" }.joined(separator: ", "))
        return lines
    }

    /// Every gate at every step.
    static func forward(_ network: LSTMNetwork, _ trace: LSTMForwardTrace) -> [String] {
        var lines = ["Forward pass, every gate at every step:"]
        let p = network.parameters, h = network.hiddenUnits
        for step in trace.steps {
            let t = step.t
            lines.append("")
            lines.append("t = \(t): [ŷ⁽\(NetworkNotation.raised(t - 1))⁾, x⁽\(NetworkNotation.raised(t))⁾] = \(RNNText.vector(step.concatenated)), s⁽\(NetworkNotation.raised(t - 1))⁾ = \(RNNText.vector(step.previousState))")
            let gates: [(String, Tensor, [Double], [Double], [Double], String)] = [
                ("f", p.W_f, p.b_f, step.forgetInput, step.forget, "σ"), ("i", p.W_i, p.b_i, step.inputInput, step.input, "σ"),
                ("s̃", p.W_s, p.b_s, step.candidateInput, step.candidate, "tanh"), ("o", p.W_o, p.b_o, step.outputInput, step.outputGate, "σ")]
            for (name, m, b, z, value, squash) in gates {
                for k in 0..<h {
                    let products = step.concatenated.indices.map { (m[k, $0], step.concatenated[$0]) }
                    let unit = RecurrentNotation.unit(name, t, k)
                    lines.append("  \(unit) = \(squash)(\(Notation.sumOfProducts(products, bias: b[k], result: z[k]))) = \(squash)(\(Notation.number(z[k]))) = \(Notation.number(value[k], decimals: 6))")
                }
            }
            for k in 0..<h {
                lines.append("  \(RecurrentNotation.unit("s", t, k)) = f ∗ s⁽\(NetworkNotation.raised(t - 1))⁾ + i ∗ s̃ = \(Notation.factor(step.forget[k]))×\(Notation.factor(step.previousState[k])) + \(Notation.factor(step.input[k]))×\(Notation.factor(step.candidate[k])) = \(Notation.number(step.kept[k])) + \(Notation.number(step.written[k])) = \(Notation.number(step.state[k], decimals: 6))")
                lines.append("  \(RecurrentNotation.unit("ŷ", t, k)) = o ∗ tanh(s) = \(Notation.factor(step.outputGate[k]))×tanh(\(Notation.number(step.state[k]))) = \(Notation.factor(step.outputGate[k]))×\(Notation.factor(step.squashedState[k])) = \(Notation.number(step.output[k], decimals: 6))")
            }
            if let y = step.target, let e = step.loss {
                lines.append("  E\(NetworkNotation.lowered(t)) = ½Σ(ŷ⁽\(NetworkNotation.raised(t))⁾ − y)², y = \(RNNText.vector(y)): \(Notation.number(e, decimals: 6))")
            }
        }
        lines.append("")
        lines.append("E = \(Notation.number(trace.loss, decimals: 6))")
        return lines
    }

    /// The backward pass through time, with the constant error carousel in numbers; truncated,
    /// loss term by loss term (see `truncatedBackward`).
    static func backward(_ network: LSTMNetwork, _ forward: LSTMForwardTrace, _ trace: LSTMBackwardTrace) -> [String] {
        if trace.truncation != nil { return truncatedBackward(network, forward, trace) }
        var lines = ["Backpropagation through time, from t = T back to 1:",
                     "  ∂E/∂ŷ⁽ᵗ⁾ = (ŷ⁽ᵗ⁾ − y⁽ᵗ⁾) + the ŷ rows of Σ_g W_gᵀ δ_g⁽ᵗ⁺¹⁾ (the recurrent path through the next step's gates)",
                     "  ∂E/∂s⁽ᵗ⁾ = ∂E/∂ŷ⁽ᵗ⁾ ∘ o ∘ (1 − tanh² s⁽ᵗ⁾) + ∂E/∂s⁽ᵗ⁺¹⁾ ∘ f⁽ᵗ⁺¹⁾ (the constant error carousel: through the state, only f multiplies)",
                     "  δ_f = ∂E/∂s ∘ s⁽ᵗ⁻¹⁾ ∘ f(1 − f), δ_i = ∂E/∂s ∘ s̃ ∘ i(1 − i), δ_s = ∂E/∂s ∘ i ∘ (1 − s̃²), δ_o = ∂E/∂ŷ ∘ tanh(s) ∘ o(1 − o)",
                     "  ∂E/∂W_g += δ_g [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]ᵀ, ∂E/∂b_g += δ_g"]
        for step in trace.steps {
            let t = step.t
            let f = forward.steps[t - 1]
            lines.append("")
            lines.append("t = \(t):")
            lines.append("  ∂E/∂ŷ⁽\(NetworkNotation.raised(t))⁾ = \(RNNText.vector(step.outputGradient)) + \(RNNText.vector(step.recurrentGradient)) = \(RNNText.vector(step.hiddenGradient))")
            lines.append("  through the output: \(RNNText.vector(step.hiddenGradient)) ∘ o \(RNNText.vector(f.outputGate)) ∘ (1 − tanh² s) \(RNNText.vector(step.squashDerivative)) = \(RNNText.vector(step.throughOutput))")
            if t < forward.steps.count {
                let next = forward.steps[t]
                let previous = trace.steps.first { $0.t == t + 1 }?.stateGradient ?? []
                lines.append("  carried through the forget gate: ∂E/∂s⁽\(NetworkNotation.raised(t + 1))⁾ ∘ f⁽\(NetworkNotation.raised(t + 1))⁾ = \(RNNText.vector(previous)) ∘ \(RNNText.vector(next.forget)) = \(RNNText.vector(step.carried))")
            } else {
                lines.append("  carried through the forget gate: nothing after the last step")
            }
            lines.append("  ∂E/∂s⁽\(NetworkNotation.raised(t))⁾ = \(RNNText.vector(step.stateGradient))")
            lines.append("  δ_f = \(RNNText.vector(step.forgetDelta)), δ_i = \(RNNText.vector(step.inputDelta)), δ_s = \(RNNText.vector(step.candidateDelta)), δ_o = \(RNNText.vector(step.outputDelta))")
        }
        lines.append("")
        lines += carousel(forward, trace)
        lines.append("")
        lines.append("Gradients (sums over the steps), each W_g with one row per unit and columns [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]:")
        lines += gradients(trace.gradients)
        return lines
    }

    /// ∂s⁽ᵀ⁾/∂s⁽ᵗ⁾ along the state path, the product of the later forget gates.
    static func carousel(_ forward: LSTMForwardTrace, _ trace: LSTMBackwardTrace) -> [String] {
        var lines: [String] = []
        let steps = forward.steps.count
        lines.append("The constant error carousel: along the state path alone ∂s⁽\(NetworkNotation.raised(steps))⁾/∂s⁽ᵗ⁾ = f⁽ᵗ⁺¹⁾ ∘ ⋯ ∘ f⁽\(NetworkNotation.raised(steps))⁾ (no W, no squashing derivative):")
        lines.append("  " + trace.carousel.enumerated().reversed().map { "t = \($0.offset): \(RNNText.vector($0.element))" }.joined(separator: "; "))
        return lines
    }

    /// One line per gate: ∂E/∂W_g and ∂E/∂b_g, six decimals; `prefix` ("full ") names them.
    static func gradients(_ g: LSTMParameters, prefix: String = "") -> [String] {
        zip(LSTMParameters.keys.prefix(4), zip(g.weights, g.biases)).map { key, pair in
            "  \(prefix)∂E/∂\(key) = \(Notation.inlineMatrix(pair.0, decimals: 6)), ∂E/∂\(key.replacingOccurrences(of: "W", with: "b")) = \(RNNText.vector(pair.1, decimals: 6))"
        }
    }

    /// Truncated BPTT: every loss term's chain back to step 1 with the cut steps marked, the
    /// kept links summed per step, the truncated gradients and what truncation cut.
    static func truncatedBackward(_ network: LSTMNetwork, _ forward: LSTMForwardTrace, _ trace: LSTMBackwardTrace) -> [String] {
        let k = trace.truncation ?? 0
        var lines = ["Backpropagation through time, truncated to K = \(k): each loss term Eτ runs the recursion alone, from ∂Eτ/∂ŷ⁽τ⁾ = ŷ⁽τ⁾ − y⁽τ⁾ back to step 1,",
                     "  and only its steps τ … τ − K + 1 add to the gradients: ŷ⁽τ⁻ᴷ⁾ and s⁽τ⁻ᴷ⁾ are held fixed, as PyTorch's h.detach() and c.detach()",
                     "  before step τ − K + 1 (both: the gradient reaches back through the gates' ŷ input and through the state s); the steps marked [cut] are shown but not added.",
                     "  ∂Eτ/∂ŷ⁽ᵏ⁾ = (ŷ⁽τ⁾ − y⁽τ⁾ at k = τ) + the ŷ rows of Σ_g W_gᵀ δ_g⁽ᵏ⁺¹⁾ (the recurrent path through the next step's gates)",
                     "  ∂Eτ/∂s⁽ᵏ⁾ = ∂Eτ/∂ŷ⁽ᵏ⁾ ∘ o ∘ (1 − tanh² s⁽ᵏ⁾) + ∂Eτ/∂s⁽ᵏ⁺¹⁾ ∘ f⁽ᵏ⁺¹⁾ (the constant error carousel: through the state, only f multiplies)",
                     "  δ_f = ∂Eτ/∂s ∘ s⁽ᵏ⁻¹⁾ ∘ f(1 − f), δ_i = ∂Eτ/∂s ∘ s̃ ∘ i(1 − i), δ_s = ∂Eτ/∂s ∘ i ∘ (1 − s̃²), δ_o = ∂Eτ/∂ŷ ∘ tanh(s) ∘ o(1 − o)",
                     "  a kept step k adds δ_g [ŷ⁽ᵏ⁻¹⁾, x⁽ᵏ⁾]ᵀ to ∂E/∂W_g and δ_g to ∂E/∂b_g"]
        for chain in trace.chains ?? [] {
            let tau = chain.lossStep, e = "E" + NetworkNotation.lowered(tau)
            lines.append("")
            lines.append("Loss term \(e) (on ŷ⁽\(NetworkNotation.raised(tau))⁾):")
            for link in chain.links {
                let t = link.t, f = forward.steps[t - 1]
                lines.append("  k = \(t)\(link.kept == false ? " [cut]" : ""):")
                lines.append("    ∂\(e)/∂ŷ⁽\(NetworkNotation.raised(t))⁾ = \(RNNText.vector(link.outputGradient)) + \(RNNText.vector(link.recurrentGradient)) = \(RNNText.vector(link.hiddenGradient))")
                lines.append("    through the output: \(RNNText.vector(link.hiddenGradient)) ∘ o \(RNNText.vector(f.outputGate)) ∘ (1 − tanh² s) \(RNNText.vector(link.squashDerivative)) = \(RNNText.vector(link.throughOutput))")
                if t < tau {
                    let later = chain.links[tau - t - 1]
                    lines.append("    carried through the forget gate: ∂\(e)/∂s⁽\(NetworkNotation.raised(t + 1))⁾ ∘ f⁽\(NetworkNotation.raised(t + 1))⁾ = \(RNNText.vector(later.stateGradient)) ∘ \(RNNText.vector(forward.steps[t].forget)) = \(RNNText.vector(link.carried))")
                } else {
                    lines.append("    carried through the forget gate: nothing, \(e) is taken at step \(tau)")
                }
                lines.append("    ∂\(e)/∂s⁽\(NetworkNotation.raised(t))⁾ = \(RNNText.vector(link.stateGradient))")
                lines.append("    δ_f = \(RNNText.vector(link.forgetDelta)), δ_i = \(RNNText.vector(link.inputDelta)), δ_s = \(RNNText.vector(link.candidateDelta)), δ_o = \(RNNText.vector(link.outputDelta))\(link.kept == false ? " (cut)" : "")")
            }
        }
        lines.append("")
        lines.append("Truncated BPTT step by step: at each t, the kept links of the loss terms whose window holds t, summed (what the update uses):")
        for step in trace.truncatedSteps ?? [] {
            let t = step.t
            let terms = step.keptTerms.isEmpty ? "no loss term" : RecurrentNotation.terms(step.keptTerms)
            let cut = step.cutTerms.isEmpty ? "" : "; cut: \(RecurrentNotation.terms(step.cutTerms))"
            lines.append("  t = \(t) (\(terms)\(cut)): ∂E/∂s⁽\(NetworkNotation.raised(t))⁾ = \(RNNText.vector(step.stateGradient)); δ_f = \(RNNText.vector(step.forgetDelta)), δ_i = \(RNNText.vector(step.inputDelta)), δ_s = \(RNNText.vector(step.candidateDelta)), δ_o = \(RNNText.vector(step.outputDelta))")
        }
        lines.append("")
        lines.append("∂E/∂s⁽ᵗ⁾ of full BPTT (every loss term, every step): " + trace.steps.map { "t = \($0.t): \(RNNText.vector($0.stateGradient))" }.joined(separator: "; "))
        lines.append("")
        lines += carousel(forward, trace)
        lines.append("")
        lines.append("Gradients, truncated to K = \(k) (sums over the steps of the truncated δ's), each W_g with one row per unit and columns [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]:")
        lines += gradients(trace.gradients)
        lines.append("")
        lines.append("What truncation to K = \(k) cut: \(trace.cutLinks) of \(trace.links) (loss term, step) contributions.")
        if trace.cutLinks > 0 {
            for chain in trace.chains ?? [] {
                let cut = chain.links.filter { $0.kept == false }.map(\.t)
                guard !cut.isEmpty else { continue }
                lines.append(RNNText.dropped(lossStep: chain.lossStep, steps: cut))
            }
            lines += gradients(trace.fullGradients, prefix: "full ")
        }
        lines.append("  largest |full − truncated| over every parameter: \(Notation.number(trace.truncationDifference, decimals: 6))")
        return lines
    }

    /// The update W_g ← W_g − η ∂E/∂W_g.
    static func update(_ after: LSTMParameters, learningRate: Double, lossBefore: Double, lossAfter: Double,
                       backward: LSTMBackwardTrace) -> [String] {
        var gradients = ""
        if let k = backward.truncation {
            gradients = backward.cutLinks > 0 ? ", with the gradients truncated to K = \(k) (not the full ∂E/∂W_g, ∂E/∂b_g)"
                : ", with the gradients truncated to K = \(k), which cuts nothing here: the full ∂E/∂W_g, ∂E/∂b_g"
        }
        var lines = ["One gradient-descent step with η = \(Notation.number(learningRate, decimals: 6)): W_g ← W_g − η ∂E/∂W_g, b_g ← b_g − η ∂E/∂b_g" + gradients]
        for (key, (m, b)) in zip(LSTMParameters.keys.prefix(4), zip(after.weights, after.biases)) {
            lines.append("  \(key) = \(Notation.inlineMatrix(m)), \(key.replacingOccurrences(of: "W", with: "b")) = \(RNNText.vector(b))")
        }
        lines.append("E before \(Notation.number(lossBefore, decimals: 6)), after \(Notation.number(lossAfter, decimals: 6))")
        return lines
    }

    /// Every gradient next to its central difference; truncated, of the truncated objective, and
    /// said to be no check of ∂E/∂θ itself.
    static func check(_ check: RecurrentGradientCheck, backward: LSTMBackwardTrace) -> [String] {
        RNNText.check(check, backward: backward, held: "ŷ and s")
    }
}
