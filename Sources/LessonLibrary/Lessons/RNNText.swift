import Foundation
import LessonCore

/// The text of the rnn lesson: it only reads the network and the traces.
enum RNNText {
    static func vector(_ v: [Double], decimals: Int = 4) -> String {
        "(" + v.map { Notation.number($0, decimals: decimals) }.joined(separator: ", ") + ")"
    }

    static func matrixLines(_ name: String, _ m: Tensor) -> [String] {
        ["  \(name) (\(Notation.shape(m.shape))) ="] + [Notation.matrix(m, indent: "    ")]
    }

    /// The equations, shapes, parameters and sequence.
    static func header(_ network: RecurrentNetwork, _ sequence: RecurrentSequence, forward: RNNForwardTrace) -> [String] {
        let phi1 = network.hiddenActivation.symbol, phi2 = network.outputActivation.symbol
        let steps = sequence.steps
        var lines = ["The network (seeds/003's notation): s⁽ᵗ⁾ = \(phi1)(W s⁽ᵗ⁻¹⁾ + U x⁽ᵗ⁾ + b), ŷ⁽ᵗ⁾ = \(phi2)(V s⁽ᵗ⁾ + c), t = 1 … \(steps)",
                     "h = \(network.hiddenUnits) hidden \(Counted.noun(network.hiddenUnits, "unit")), n = \(network.inputs) \(Counted.noun(network.inputs, "input")), o = \(network.outputs) \(Counted.noun(network.outputs, "output")), T = \(steps) \(Counted.noun(steps, "step")); \(forward.kind)",
                     "PyTorch's nn.RNN computes the same state as h = \(phi1)(W_ih x + b_ih + W_hh h + b_hh): W_ih = U, W_hh = W, b_ih + b_hh = b."]
        lines += matrixLines("U", network.U) + matrixLines("W", network.W) + matrixLines("V", network.V)
        lines.append("  b = \(vector(network.b)), c = \(vector(network.c))")
        lines.append("  s⁽⁰⁾ = \(vector(forward.initialState))")
        lines.append("  " + sequence.inputs.enumerated().map { "x⁽\(NetworkNotation.raised($0.offset + 1))⁾ = \(vector($0.element))" }.joined(separator: ", "))
        switch sequence.targets {
        case .last(let y):
            lines.append("Loss \(network.loss.rawValue) on the last output only: E = L(ŷ⁽\(NetworkNotation.raised(steps))⁾, y), \(network.loss.formula), y = \(vector(y))")
        case .everyStep(let ys):
            lines.append("Loss \(network.loss.rawValue) on every output: E = Σₜ Eₜ, Eₜ = L(ŷ⁽ᵗ⁾, y⁽ᵗ⁾), \(network.loss.formula)")
            lines.append("  " + ys.enumerated().map { "y⁽\(NetworkNotation.raised($0.offset + 1))⁾ = \(vector($0.element))" }.joined(separator: ", "))
        }
        return lines
    }

    /// Every pre-activation, state and output, term by term, for every step.
    static func forward(_ network: RecurrentNetwork, _ trace: RNNForwardTrace) -> [String] {
        var lines = ["Forward pass: z⁽ᵗ⁾ = W s⁽ᵗ⁻¹⁾ + U x⁽ᵗ⁾ + b, s⁽ᵗ⁾ = \(network.hiddenActivation.symbol)(z⁽ᵗ⁾), q⁽ᵗ⁾ = V s⁽ᵗ⁾ + c, ŷ⁽ᵗ⁾ = \(network.outputActivation.symbol)(q⁽ᵗ⁾)"]
        let h = network.hiddenUnits, n = network.inputs
        for step in trace.steps {
            let t = step.t
            lines.append("")
            lines.append("t = \(t): reads s⁽\(NetworkNotation.raised(t - 1))⁾ = \(vector(step.previousState)) and x⁽\(NetworkNotation.raised(t))⁾ = \(vector(step.input))")
            for i in 0..<h {
                let symbols = (0..<h).map { RecurrentNotation.entry("W", i, $0) + RecurrentNotation.unit("s", t - 1, $0) }
                    + (0..<n).map { RecurrentNotation.entry("U", i, $0) + RecurrentNotation.unit("x", t, $0) } + [RecurrentNotation.entry("b", i)]
                let products = (0..<h).map { (network.W[i, $0], step.previousState[$0]) } + (0..<n).map { (network.U[i, $0], step.input[$0]) }
                lines.append("  \(RecurrentNotation.unit("z", t, i)) = \(symbols.joined(separator: " + ")) = \(Notation.sumOfProducts(products, bias: network.b[i], result: step.preActivation[i]))")
                lines.append("  \(RecurrentNotation.unit("s", t, i)) = \(network.hiddenActivation.symbol)(\(Notation.number(step.preActivation[i]))) = \(Notation.number(step.state[i]))")
            }
            for k in 0..<network.outputs {
                let symbols = (0..<h).map { RecurrentNotation.entry("V", k, $0) + RecurrentNotation.unit("s", t, $0) } + [RecurrentNotation.entry("c", k)]
                let products = (0..<h).map { (network.V[k, $0], step.state[$0]) }
                lines.append("  \(RecurrentNotation.unit("q", t, k)) = \(symbols.joined(separator: " + ")) = \(Notation.sumOfProducts(products, bias: network.c[k], result: step.outputPreActivation[k]))")
            }
            let yhat = RecurrentNotation.step("ŷ", t)
            if network.outputActivation == .softmax {
                lines.append("  \(yhat) = softmax(q⁽\(NetworkNotation.raised(t))⁾) = \(vector(step.output))")
            } else {
                for k in 0..<network.outputs {
                    lines.append("  \(RecurrentNotation.unit("ŷ", t, k)) = \(network.outputActivation.symbol)(\(Notation.number(step.outputPreActivation[k]))) = \(Notation.number(step.output[k]))")
                }
            }
            if let y = step.target, let e = step.loss {
                lines.append("  E\(NetworkNotation.lowered(t)) = L(\(yhat), \(vector(y))) = \(Notation.number(e, decimals: 6))")
            }
        }
        lines.append("")
        let terms = trace.steps.compactMap { $0.loss.map { Notation.number($0, decimals: 6) } }
        lines.append("E = " + (terms.count > 1 ? terms.joined(separator: " + ") + " = " : "") + Notation.number(trace.loss, decimals: 6))
        return lines
    }

    /// BPTT as seeds/003 argues it: each loss term's ∂E/∂s flowing back step by step.
    static func backward(_ network: RecurrentNetwork, _ forward: RNNForwardTrace, _ trace: BPTTTrace) -> [String] {
        let h = network.hiddenUnits
        var lines = ["Backpropagation through time: for each loss term Eτ, ∂Eτ/∂s⁽τ⁾ = Vᵀδ_out, then back one step at a time:",
                     "  δ⁽ᵏ⁾ = ∂Eτ/∂s⁽ᵏ⁾ ∘ φ₁′(z⁽ᵏ⁾) with \(network.hiddenActivation.derivativeFormula), then ∂Eτ/∂s⁽ᵏ⁻¹⁾ = Wᵀδ⁽ᵏ⁾ (the recurrent path),",
                     "  and step k adds δ⁽ᵏ⁾s⁽ᵏ⁻¹⁾ᵀ to ∂E/∂W, δ⁽ᵏ⁾x⁽ᵏ⁾ᵀ to ∂E/∂U and δ⁽ᵏ⁾ to ∂E/∂b; W, U and b are shared by every step, so their gradients are sums over the steps."]
        if let k = trace.truncation {
            lines.append("Truncated to K = \(k): term Eτ sends its gradient back through s⁽τ⁾ … s⁽τ⁻ᴷ⁺¹⁾ only; the steps marked [cut] are shown but not added.")
        }
        for chain in trace.chains {
            let tau = chain.lossStep
            let step = forward.steps[tau - 1]
            lines.append("")
            lines.append("Loss term E\(NetworkNotation.lowered(tau)) (on ŷ⁽\(NetworkNotation.raised(tau))⁾):")
            if network.loss.simplifies(with: network.outputActivation), let y = step.target {
                lines.append("  δ_out = ∂E\(NetworkNotation.lowered(tau))/∂q⁽\(NetworkNotation.raised(tau))⁾ = ŷ − y = \(vector(step.output)) − \(vector(y)) = \(vector(chain.outputDelta))")
            } else {
                lines.append("  ∂E\(NetworkNotation.lowered(tau))/∂ŷ⁽\(NetworkNotation.raised(tau))⁾ = \(chain.outputGradient.map { vector($0) } ?? "not finite") (\(network.loss.gradientFormula))")
                lines.append("  δ_out = ∂E\(NetworkNotation.lowered(tau))/∂q⁽\(NetworkNotation.raised(tau))⁾ = \(vector(chain.outputDelta)) (through \(network.outputActivation.derivativeFormula))")
            }
            lines.append("  ∂E/∂V += δ_out s⁽\(NetworkNotation.raised(tau))⁾ᵀ, ∂E/∂c += δ_out")
            var upstream: BPTTLink?
            for link in chain.links {
                let k = link.step
                let current = forward.steps[k - 1]
                let mark = link.kept ? "" : " [cut]"
                lines.append("  k = \(k)\(mark):")
                for i in 0..<h {
                    let name = "∂E\(NetworkNotation.lowered(tau))/∂\(RecurrentNotation.unit("s", k, i))"
                    if let upstream {
                        let symbols = (0..<h).map { RecurrentNotation.entry("W", $0, i) + RecurrentNotation.unit("δ", upstream.step, $0) }
                        let products = (0..<h).map { (network.W[$0, i], upstream.delta[$0]) }
                        lines.append("    \(name) = \(symbols.joined(separator: " + ")) = \(Notation.sumOfProducts(products, bias: nil, result: link.stateGradient[i]))")
                    } else {
                        let symbols = (0..<network.outputs).map { RecurrentNotation.entry("V", $0, i) + "δ_out" + NetworkNotation.lowered($0 + 1) }
                        let products = (0..<network.outputs).map { (network.V[$0, i], chain.outputDelta[$0]) }
                        lines.append("    \(name) = \(symbols.joined(separator: " + ")) = \(Notation.sumOfProducts(products, bias: nil, result: link.stateGradient[i]))")
                    }
                    lines.append("    \(RecurrentNotation.unit("δ", k, i)) = \(Notation.number(link.stateGradient[i])) × \(derivativeText(network.hiddenActivation, z: current.preActivation[i], s: current.state[i])) = \(Notation.factor(link.stateGradient[i])) × \(Notation.factor(link.derivative[i])) = \(Notation.number(link.delta[i]))")
                }
                lines.append("    adds to ∂E/∂W: δ⁽\(NetworkNotation.raised(k))⁾ s⁽\(NetworkNotation.raised(k - 1))⁾ᵀ = \(Notation.inlineMatrix(link.gradW))\(link.kept ? "" : " (cut)")")
                lines.append("    adds to ∂E/∂U: δ⁽\(NetworkNotation.raised(k))⁾ x⁽\(NetworkNotation.raised(k))⁾ᵀ = \(Notation.inlineMatrix(link.gradU))\(link.kept ? "" : " (cut)")")
                lines.append("    adds to ∂E/∂b: δ⁽\(NetworkNotation.raised(k))⁾ = \(vector(link.gradB))\(link.kept ? "" : " (cut)")")
                upstream = link
            }
        }
        lines.append("")
        lines.append("∂E/∂s⁽ᵗ⁾ summed over the loss terms (full BPTT): " + trace.stateGradients.enumerated().map { "t = \($0.offset + 1): \(vector($0.element))" }.joined(separator: "; "))
        lines.append("")
        let g = trace.gradients
        lines.append(trace.truncation == nil ? "Gradients (the sums over every step):" : "Gradients, truncated to K = \(trace.truncation ?? 0):")
        lines += matrixLines("∂E/∂U", g.U) + matrixLines("∂E/∂W", g.W) + matrixLines("∂E/∂V", g.V)
        lines.append("  ∂E/∂b = \(vector(g.b)), ∂E/∂c = \(vector(g.c))")
        if let k = trace.truncation {
            lines.append("")
            lines.append("What truncation to K = \(k) cut: \(trace.cutLinks) of \(trace.chains.reduce(0) { $0 + $1.links.count }) (loss term, step) contributions.")
            if trace.cutLinks > 0 {
                for chain in trace.chains {
                    let cut = chain.links.filter { !$0.kept }.map(\.step)
                    guard !cut.isEmpty else { continue }
                    lines.append(dropped(lossStep: chain.lossStep, steps: cut))
                }
                lines += matrixLines("full ∂E/∂W", trace.full.W) + matrixLines("full ∂E/∂U", trace.full.U)
                lines.append("  full ∂E/∂b = \(vector(trace.full.b))")
            }
            lines.append("  largest |full − truncated| over every parameter: \(Notation.number(trace.truncationDifference, decimals: 6)) (V and c are never truncated)")
        }
        return lines
    }

    /// φ₁′(z) as the notes write it, with the numbers: `(1 − 0.4621²)`.
    static func derivativeText(_ activation: Activation, z: Double, s: Double) -> String {
        switch activation {
        case .tanh: return "(1 − \(Notation.factor(s))²)"
        case .sigmoid: return "\(Notation.factor(s))(1 − \(Notation.factor(s)))"
        case .relu: return "ReLU′(\(Notation.number(z)))"
        default: return "1"
        }
    }

    /// The update θ ← θ − η ∂E/∂θ.
    static func update(_ update: RecurrentUpdate, truncation: Int?) -> [String] {
        var lines = ["One gradient-descent step with η = \(Notation.number(update.learningRate, decimals: 6)): ΔU = −η ∂E/∂U, ΔW = −η ∂E/∂W, ΔV = −η ∂E/∂V, Δb = −η ∂E/∂b, Δc = −η ∂E/∂c\(truncation == nil ? "" : " (the truncated gradients)")"]
        lines += matrixLines("U", update.after.U) + matrixLines("W", update.after.W) + matrixLines("V", update.after.V)
        lines.append("  b = \(vector(update.after.b)), c = \(vector(update.after.c))")
        lines.append("E before \(Notation.number(update.lossBefore, decimals: 6)), after \(Notation.number(update.lossAfter, decimals: 6))")
        return lines
    }

    /// The steps truncation cut from one loss term's chain, as rnn and lstm write them:
    /// `  E₃: steps 2, 1 dropped`, `  E₂: step 1 dropped`.
    static func dropped(lossStep: Int, steps: [Int]) -> String {
        "  E\(NetworkNotation.lowered(lossStep)): \(Counted.noun(steps.count, "step")) \(RecurrentNotation.steps(steps)) dropped"
    }

    /// Every gradient next to its central difference; truncated, of the truncated objective with
    /// `held` (what stays fixed before each window) named, and said to be no check of ∂E/∂θ itself
    /// (rnn and lstm print the same sentence).
    static func check(_ check: RecurrentGradientCheck, backward: some TruncatedBackward, held: String = "the states") -> [String] {
        let truncated = backward.truncation != nil
        var lines = ["Finite-difference check (E(θ + ε) − E(θ − ε))/2ε, ε = \(Notation.number(check.epsilon, decimals: 8))\(truncated ? ", of the truncated objective (\(held) before each window held fixed)" : ""):"]
        for entry in check.entries {
            lines.append("  \(entry.name): BPTT \(Notation.fixed(entry.analytic, decimals: 8)), numeric \(Notation.fixed(entry.numeric, decimals: 8))")
        }
        lines.append("largest difference: \(Notation.scientific(check.largestDifference, decimals: 1))")
        if let k = backward.truncation {
            lines.append(backward.cutLinks > 0
                ? "This checks the truncated gradient against the objective it is the gradient of, not against E: the full ∂E/∂θ differs from it by up to \(Notation.number(backward.truncationDifference, decimals: 6))."
                : "K = \(k) cuts nothing here, so the truncated objective is E and this is a check of ∂E/∂θ itself.")
        }
        return lines
    }

    /// ‖∂s⁽ᵀ⁾/∂s⁽ᵗ⁾‖ for every t, and the comparison networks.
    static func vanishing(_ measured: [(label: String, gradient: VanishingGradient)]) -> [String] {
        guard let first = measured.first else { return [] }
        let steps = first.gradient.steps
        var lines = ["The vanishing gradient, measured: ‖∂s⁽\(NetworkNotation.raised(steps))⁾/∂s⁽ᵗ⁾‖_F, where ∂s⁽ᵀ⁾/∂s⁽ᵗ⁾ = Πₖ diag(φ₁′(z⁽ᵏ⁾)) W over k = t + 1 … T"]
        let width = max(4, measured.map(\.label.count).max() ?? 0)
        let heading = "  " + "t".padding(toLength: 4, withPad: " ", startingAt: 0) + measured.map { $0.label.padding(toLength: width, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        lines.append(String(heading.reversed().drop { $0 == " " }.reversed()))
        for t in stride(from: steps, through: 0, by: -1) {
            let cells = measured.map { Notation.scientific($0.gradient.entries[t].norm, decimals: 3, fixedDecimals: true).padding(toLength: width, withPad: " ", startingAt: 0) }
            let row = "  " + String(t).padding(toLength: 4, withPad: " ", startingAt: 0) + cells.joined(separator: "  ")
            lines.append(String(row.reversed().drop { $0 == " " }.reversed()))
        }
        return lines
    }
}
