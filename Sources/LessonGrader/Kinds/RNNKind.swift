import LessonCore

/// `rnn`: one quantity of a recurrent network (seeds/003): a state s⁽ᵗ⁾, an output ŷ⁽ᵗ⁾, the
/// loss, or a BPTT gradient, with or without truncation.
///
/// Keys: `U`, `W`, `V` (matrices), optional `b`, `c`, `inputs` (one row per step; a single row
/// of T numbers when n = 1), optional `initial_state`, `hidden_activation` (default tanh),
/// `output_activation` (default sigmoid), `loss` (default binary-cross-entropy), `target` or
/// `targets` (one row per step), `ask` (`state`, `output`, `loss`, `gradient`), `step`
/// (1-based, default T), `parameter` (`U`, `W`, `V`, `b`, `c`; default W), `truncate` (K).
/// The answers are read from `RecurrentNetwork.forward` and `.backward`'s traces. Mistakes
/// recognised: the recurrent path forgotten (a state as φ₁(U x⁽ᵗ⁾ + b); a gradient that stops
/// at one step), s⁽ᵗ⁾ used in place of s⁽ᵗ⁻¹⁾ in ∂E/∂W, tanh′ written 1 − s instead of
/// 1 − s², and full BPTT where the question truncates (or the reverse).
public enum RNNKind: QuestionKind {
    public static let name = "rnn"
    public static let summary = "a state s⁽ᵗ⁾, an output ŷ⁽ᵗ⁾, the loss or a BPTT gradient (optionally truncated) of a recurrent network"
    public static let keys = ["U", "W", "V", "b", "c", "inputs", "initial_state", "hidden_activation", "output_activation", "loss",
                              "target", "targets", "ask", "step", "parameter", "truncate"]

    /// Steps as rows: a single row of T values is read as T one-value steps when n = 1.
    static func rows(_ m: Tensor, width: Int) -> [[Double]] {
        if m.rows == 1 && m.columns != width && width == 1 { return m.scalars.map { [$0] } }
        return m.rowArrays
    }

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let u = try parameters.matrix("U"), w = try parameters.matrix("W"), v = try parameters.matrix("V")
        let b = parameters.values["b"] == nil ? nil : try parameters.matrix("b").scalars
        let c = parameters.values["c"] == nil ? nil : try parameters.matrix("c").scalars
        func activation(_ key: String, _ fallback: Activation) throws -> Activation {
            guard let name = try parameters.optionalString(key) else { return fallback }
            do { return try Activation.named(name) } catch let error as InputError { throw parameters.error(key, error.message) }
        }
        let lossName = try parameters.optionalString("loss") ?? "binary-cross-entropy"
        let loss: Loss
        do { loss = try Loss.named(lossName) } catch let error as InputError { throw parameters.error("loss", error.message) }
        let network: RecurrentNetwork, sequence: RecurrentSequence
        do {
            network = try RecurrentNetwork(U: u, W: w, V: v, b: b, c: c, hiddenActivation: try activation("hidden_activation", .tanh),
                                           outputActivation: try activation("output_activation", .sigmoid), loss: loss)
            let inputs = rows(try parameters.matrix("inputs"), width: network.inputs)
            let initial = parameters.values["initial_state"] == nil ? nil : try parameters.matrix("initial_state").scalars
            let targets: RecurrentTargets
            if parameters.values["targets"] != nil {
                targets = .everyStep(rows(try parameters.matrix("targets"), width: network.outputs))
            } else {
                targets = .last(try parameters.matrix("target").scalars)
            }
            sequence = RecurrentSequence(inputs: inputs, initialState: initial, targets: targets)
            try network.validate(sequence)
        } catch let error as RecurrentShapeError {
            throw parameters.error(error.key, error.message)
        }
        let forward = try network.forward(sequence)
        let steps = sequence.steps
        let t = try parameters.int("step", default: steps)
        guard (1...steps).contains(t) else { throw parameters.error("step", "the sequence has steps 1 to \(steps), got \(t)") }
        var truncation: Int?
        if parameters.values["truncate"] != nil {
            let k = try parameters.int("truncate")
            guard k >= 1 else { throw parameters.error("truncate", "the truncation K must be at least 1 step, got \(k)") }
            truncation = k
        }
        // The same sequence with the recurrent path removed (W = 0): what forgetting it gives.
        var noRecurrence = network
        noRecurrence.W = Tensor(shape: w.shape)
        let flat = (try? noRecurrence.forward(sequence)) ?? forward
        let sheet = ["U = \(Notation.inlineMatrix(u)), W = \(Notation.inlineMatrix(w)), V = \(Notation.inlineMatrix(v))",
                     "b = \(Notation.inlineMatrix(Tensor(vector: network.b))), c = \(Notation.inlineMatrix(Tensor(vector: network.c))), s⁽⁰⁾ = \(Notation.inlineMatrix(Tensor(vector: forward.initialState)))",
                     "inputs: " + sequence.inputs.enumerated().map { "x⁽\(NetworkNotation.raised($0.offset + 1))⁾ = \(Notation.inlineMatrix(Tensor(vector: $0.element)))" }.joined(separator: ", "),
                     "s⁽ᵗ⁾ = \(network.hiddenActivation.symbol)(W s⁽ᵗ⁻¹⁾ + U x⁽ᵗ⁾ + b), ŷ⁽ᵗ⁾ = \(network.outputActivation.symbol)(V s⁽ᵗ⁾ + c), loss \(loss.rawValue) (\(forward.kind))"]
            + (truncation.map { ["BPTT truncated to K = \($0) steps"] } ?? [])
        let step = forward.steps[t - 1]
        let forgot = "forgetting the recurrent path W s⁽ᵗ⁻¹⁾ (computed as if s⁽ᵗ⁻¹⁾ = 0)"
        let ask = try parameters.optionalString("ask") ?? "state"
        switch ask {
        case "state":
            let working = ["z⁽\(NetworkNotation.raised(t))⁾ = W s⁽\(NetworkNotation.raised(t - 1))⁾ + U x⁽\(NetworkNotation.raised(t))⁾ + b = \(Notation.inlineMatrix(Tensor(vector: step.recurrent))) + \(Notation.inlineMatrix(Tensor(vector: step.fromInput))) + b = \(Notation.inlineMatrix(Tensor(vector: step.preActivation)))",
                           "s⁽\(NetworkNotation.raised(t))⁾ = \(network.hiddenActivation.symbol)(z⁽\(NetworkNotation.raised(t))⁾) = \(Notation.inlineMatrix(Tensor(vector: step.state)))"]
            return PreparedQuestion(sheet: sheet, expected: .matrix(Tensor(vector: step.state)), working: working,
                                    mistakes: t == 1 && forward.initialState.allSatisfy { $0 == 0 } ? [] : [KnownMistake(name: forgot, answer: .matrix(Tensor(vector: flat.steps[t - 1].state)))])
        case "output":
            return PreparedQuestion(sheet: sheet, expected: .matrix(Tensor(vector: step.output)),
                                    working: ["s⁽\(NetworkNotation.raised(t))⁾ = \(Notation.inlineMatrix(Tensor(vector: step.state)))",
                                              "ŷ⁽\(NetworkNotation.raised(t))⁾ = \(network.outputActivation.symbol)(V s⁽\(NetworkNotation.raised(t))⁾ + c) = \(Notation.inlineMatrix(Tensor(vector: step.output)))"],
                                    mistakes: t == 1 && forward.initialState.allSatisfy { $0 == 0 } ? [] : [KnownMistake(name: forgot, answer: .matrix(Tensor(vector: flat.steps[t - 1].output)))])
        case "loss":
            return PreparedQuestion(sheet: sheet, expected: .number(forward.loss),
                                    working: forward.steps.compactMap { s in s.loss.map { "E\(NetworkNotation.lowered(s.t)) = \(Notation.number($0, decimals: 6))" } } + ["E = \(Notation.number(forward.loss, decimals: 6))"],
                                    mistakes: [KnownMistake(name: forgot, answer: .number(flat.loss))])
        case "gradient":
            let parameter = try parameters.optionalString("parameter") ?? "W"
            func pick(_ g: RecurrentGradients) throws -> Tensor {
                switch parameter {
                case "U": return g.U
                case "W": return g.W
                case "V": return g.V
                case "b": return Tensor(vector: g.b)
                case "c": return Tensor(vector: g.c)
                default: throw parameters.error("parameter", "expected U, W, V, b or c, found '\(parameter)'")
                }
            }
            let backward = network.backward(forward, truncation: truncation)
            let expected = try pick(backward.gradients)
            var mistakes: [KnownMistake] = []
            if truncation != 1 {
                mistakes.append(KnownMistake(name: "forgetting the recurrent path: the gradient stops at one step (only δ⁽τ⁾ of each loss term, ∂E/∂s⁽ᵏ⁻¹⁾ = Wᵀδ⁽ᵏ⁾ never taken)",
                                             answer: .matrix(try pick(network.backward(forward, truncation: 1).gradients))))
            }
            if parameter == "W" {
                mistakes.append(KnownMistake(name: "using s⁽ᵗ⁾ instead of s⁽ᵗ⁻¹⁾ in ∂E/∂W = Σ δ⁽ᵗ⁾ s⁽ᵗ⁻¹⁾ᵀ", answer: .matrix(backward.gradWUsingCurrentState(forward))))
            }
            if network.hiddenActivation == .tanh {
                let wrong = network.backward(forward, truncation: truncation) { _, s in 1 - s }
                mistakes.append(KnownMistake(name: "tanh′ written as 1 − s instead of 1 − s²", answer: .matrix(try pick(wrong.gradients))))
            }
            if truncation != nil {
                mistakes.append(KnownMistake(name: "full BPTT where the question truncates to K = \(truncation ?? 0) steps", answer: .matrix(try pick(backward.full))))
            } else if steps > 2 {
                mistakes.append(KnownMistake(name: "stopping after two steps (truncated to K = 2)", answer: .matrix(try pick(network.backward(forward, truncation: 2).gradients))))
            }
            let working = backward.chains.flatMap { chain in
                ["loss term E\(NetworkNotation.lowered(chain.lossStep)): δ_out = \(Notation.inlineMatrix(Tensor(vector: chain.outputDelta)))"]
                    + chain.links.map { "  k = \($0.step)\($0.kept ? "" : " [cut]"): ∂E/∂s = \(Notation.inlineMatrix(Tensor(vector: $0.stateGradient))), δ = \(Notation.inlineMatrix(Tensor(vector: $0.delta)))" }
            } + ["∂E/∂\(parameter) = \(Notation.inlineMatrix(expected))"]
            return PreparedQuestion(sheet: sheet, expected: .matrix(expected), working: working, mistakes: mistakes)
        default:
            throw parameters.error("ask", "expected state, output, loss or gradient, found '\(ask)'")
        }
    }
}
