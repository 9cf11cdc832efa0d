import LessonCore

/// `lstm-gate`: one value of an LSTM cell (seeds/003) at step t: a gate f, i, s̃ or o, the
/// state s⁽ᵗ⁾ or the output ŷ⁽ᵗ⁾.
///
/// Keys: `W_f`, `W_i`, `W_s`, `W_o` (h×(h + n), columns [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]), optional `b_f` … `b_o`,
/// `inputs` (one row per step; one row of T numbers when n = 1), optional `initial_state`,
/// `ask` (`f`, `i`, `s-tilde`, `o`, `state`, `output`; default `f`) and `step` (default T).
/// Read from `LSTMNetwork.forward`'s trace. Mistakes recognised: the concatenation written
/// [x⁽ᵗ⁾, ŷ⁽ᵗ⁻¹⁾] (x first), and the previous output ŷ⁽ᵗ⁻¹⁾ left out.
public enum LSTMGateKind: QuestionKind {
    public static let name = "lstm-gate"
    public static let summary = "a gate value f, i, s̃ or o, the state or the output of an LSTM cell at step t"
    public static let keys = ["W_f", "W_i", "W_s", "W_o", "b_f", "b_i", "b_s", "b_o", "inputs", "initial_state", "ask", "step"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        var matrices: [Tensor] = []
        for key in LSTMParameters.keys.prefix(4) { matrices.append(try parameters.matrix(key)) }
        let h = matrices[0].rows
        var biases: [[Double]] = []
        for key in LSTMParameters.keys.suffix(4) {
            biases.append(parameters.values[key] == nil ? Array(repeating: 0, count: h) : try parameters.matrix(key).scalars)
        }
        let p = LSTMParameters(W_f: matrices[0], W_i: matrices[1], W_s: matrices[2], W_o: matrices[3],
                               b_f: biases[0], b_i: biases[1], b_s: biases[2], b_o: biases[3])
        let network: LSTMNetwork, sequence: RecurrentSequence
        do {
            network = try LSTMNetwork(p)
            let inputs = RNNKind.rows(try parameters.matrix("inputs"), width: network.inputs)
            let initial = parameters.values["initial_state"] == nil ? nil : try parameters.matrix("initial_state").scalars
            sequence = RecurrentSequence(inputs: inputs, initialState: initial, targets: .last(Array(repeating: 0, count: h)))
            try network.validate(sequence)
        } catch let error as RecurrentShapeError {
            throw parameters.error(error.key, error.message)
        }
        let forward = try network.forward(sequence)
        let t = try parameters.int("step", default: sequence.steps)
        guard (1...sequence.steps).contains(t) else { throw parameters.error("step", "the sequence has steps 1 to \(sequence.steps), got \(t)") }
        let ask = try parameters.optionalString("ask") ?? "f"
        func value(_ trace: LSTMForwardTrace) throws -> [Double] {
            let s = trace.steps[t - 1]
            switch ask {
            case "f": return s.forget
            case "i": return s.input
            case "s-tilde": return s.candidate
            case "o": return s.outputGate
            case "state": return s.state
            case "output": return s.output
            default: throw parameters.error("ask", "expected f, i, s-tilde, o, state or output, found '\(ask)'")
            }
        }
        let expected = try value(forward)
        // The mistakes, as parameter changes the engine then runs: x first, or ŷ⁽ᵗ⁻¹⁾'s columns dropped.
        let n = network.inputs
        func rearranged(_ m: Tensor, drop: Bool) -> Tensor {
            var out = Tensor(shape: m.shape)
            for r in 0..<m.rows {
                for j in 0..<(h + n) {
                    // Swapped: W·[x, ŷ] is W′·[ŷ, x] with ŷ's weights taken from W's last h columns.
                    out[r, j] = drop ? (j < h ? 0 : m[r, j]) : (j < h ? m[r, n + j] : m[r, j - h])
                }
            }
            return out
        }
        var mistakes: [KnownMistake] = []
        for (drop, name) in [(false, "the concatenation written [x⁽ᵗ⁾, ŷ⁽ᵗ⁻¹⁾] (x first); the seed puts the previous output first"),
                             (true, "the previous output ŷ⁽ᵗ⁻¹⁾ left out of the gates' input")] {
            let changed = LSTMParameters(W_f: rearranged(p.W_f, drop: drop), W_i: rearranged(p.W_i, drop: drop),
                                         W_s: rearranged(p.W_s, drop: drop), W_o: rearranged(p.W_o, drop: drop),
                                         b_f: p.b_f, b_i: p.b_i, b_s: p.b_s, b_o: p.b_o)
            let other = try LSTMNetwork(changed).forward(sequence)
            let answer = try value(other)
            if answer != expected { mistakes.append(KnownMistake(name: name, answer: .matrix(Tensor(vector: answer)))) }
        }
        let s = forward.steps[t - 1]
        let sheet = zip(LSTMParameters.keys.prefix(4), matrices).map { "\($0) = \(Notation.inlineMatrix($1))" }
            + ["biases " + zip(LSTMParameters.keys.suffix(4), biases).map { "\($0) = \(Notation.inlineMatrix(Tensor(vector: $1)))" }.joined(separator: ", ")]
            + ["inputs: " + sequence.inputs.enumerated().map { "x⁽\(NetworkNotation.raised($0.offset + 1))⁾ = \(Notation.inlineMatrix(Tensor(vector: $0.element)))" }.joined(separator: ", "),
               "gates read [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾], ŷ⁽⁰⁾ = 0, s⁽⁰⁾ = \(Notation.inlineMatrix(Tensor(vector: forward.initialState)))"]
        let working = ["[ŷ⁽\(NetworkNotation.raised(t - 1))⁾, x⁽\(NetworkNotation.raised(t))⁾] = \(Notation.inlineMatrix(Tensor(vector: s.concatenated)))",
                       "f = \(Notation.inlineMatrix(Tensor(vector: s.forget))), i = \(Notation.inlineMatrix(Tensor(vector: s.input))), s̃ = \(Notation.inlineMatrix(Tensor(vector: s.candidate))), o = \(Notation.inlineMatrix(Tensor(vector: s.outputGate)))",
                       "s⁽\(NetworkNotation.raised(t))⁾ = \(Notation.inlineMatrix(Tensor(vector: s.state))), ŷ⁽\(NetworkNotation.raised(t))⁾ = \(Notation.inlineMatrix(Tensor(vector: s.output)))"]
        return PreparedQuestion(sheet: sheet, expected: .matrix(Tensor(vector: expected)), working: working, mistakes: mistakes)
    }
}
