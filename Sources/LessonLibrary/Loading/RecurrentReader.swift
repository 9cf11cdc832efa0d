import Foundation
import LessonCore

/// Reads the `network:` block of the rnn and lstm lessons (or of a `--network` file):
///
/// ```yaml
/// network:                       # rnn
///   U: [[0.5], [-0.3]]           # h×n
///   W: [[0.1, 0.4], [-0.2, 0.3]] # h×h
///   V: [[0.6, -0.5]]             # o×h
///   b: [0, 0]                    # optional, zeros when absent
///   c: [0]                       # optional
///   inputs: [[1], [0.5], [-1]]   # x⁽¹⁾ … x⁽ᵀ⁾ (a number stands for a vector of one)
///   initial_state: [0, 0]        # optional s⁽⁰⁾
///   hidden_activation: tanh      # tanh, relu, sigmoid, linear
///   output_activation: sigmoid   # sigmoid, softmax, linear, tanh
///   loss: binary-cross-entropy   # mse, binary-cross-entropy, cross-entropy
///   target: [1]                  # many-to-one; or targets: one per step (many-to-many)
/// ```
///
/// The lstm block holds `W_f, W_i, W_s, W_o` (h×(h+n), columns [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]), `b_f … b_o`,
/// `inputs`, optional `initial_state`, `target` or `targets`, and optionally `loss: mse`.
/// Every error names the file, the line and the key.
public enum RecurrentReader {
    /// The keys of an rnn block.
    public static let rnnKeys = ["U", "W", "V", "b", "c", "inputs", "initial_state", "hidden_activation", "output_activation",
                                 "loss", "target", "targets"]
    /// The keys of an lstm block.
    public static let lstmKeys = LSTMParameters.keys + ["inputs", "initial_state", "loss", "target", "targets"]

    /// Reads an rnn block.
    public static func readRNN(_ value: YAMLValue) throws -> (RecurrentNetwork, RecurrentSequence) {
        guard value.isMapping else { throw value.error("the network must be a mapping with U, W, V, inputs, loss and target") }
        try value.rejectUnknownKeys(allowed: rnnKeys)
        let u = try value.require("U", expected: "the h×n input-to-hidden matrix, one row per hidden unit").matrix()
        let w = try value.require("W", expected: "the h×h hidden-to-hidden matrix").matrix()
        let v = try value.require("V", expected: "the o×h hidden-to-output matrix, one row per output").matrix()
        let b = try value["b"]?.vector()
        let c = try value["c"]?.vector()
        let hidden = try activation(value["hidden_activation"], default: .tanh)
        guard let outputValue = value["output_activation"] else {
            throw value.error("the key 'output_activation' is missing; it should hold sigmoid, softmax, linear or tanh")
        }
        let output = try activation(outputValue, default: .sigmoid)
        let lossValue = try value.require("loss", expected: "the loss: mse, binary-cross-entropy or cross-entropy")
        let loss: Loss
        do { loss = try Loss.named(try lossValue.string()) } catch let error as InputError { throw lossValue.error(error.message) }
        do {
            let network = try RecurrentNetwork(U: u, W: w, V: v, b: b, c: c, hiddenActivation: hidden,
                                               outputActivation: output, loss: loss)
            let sequence = try readSequence(value)
            try network.validate(sequence)
            return (network, sequence)
        } catch let error as RecurrentShapeError {
            throw (value[error.key] ?? value).error(error.message)
        }
    }

    /// A variant's `truncate` key: K ≥ 1 steps of truncated BPTT, or nil when the key is absent.
    static func truncation(_ value: YAMLValue?) throws -> Int? {
        guard let value else { return nil }
        let k = try value.int()
        guard k >= 1 else { throw value.error("the truncation K must be at least 1 step, got \(k)") }
        return k
    }

    /// Reads an lstm block.
    public static func readLSTM(_ value: YAMLValue) throws -> (LSTMNetwork, RecurrentSequence) {
        guard value.isMapping else { throw value.error("the network must be a mapping with W_f, W_i, W_s, W_o, the biases, inputs and target") }
        try value.rejectUnknownKeys(allowed: lstmKeys)
        if let lossValue = value["loss"], try lossValue.string() != "mse" {
            throw lossValue.error("the lstm lesson's loss is mse, ½Σ(ŷ − y)² on the cell's output; got '\(try lossValue.string())'")
        }
        var matrices: [Tensor] = []
        for key in LSTMParameters.keys.prefix(4) {
            matrices.append(try value.require(key, expected: "the h×(h + n) weights of the gate, columns [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]").matrix())
        }
        var biases: [[Double]] = []
        for key in LSTMParameters.keys.suffix(4) {
            biases.append(try value[key]?.vector() ?? Array(repeating: 0, count: matrices[0].rows))
        }
        do {
            let network = try LSTMNetwork(LSTMParameters(W_f: matrices[0], W_i: matrices[1], W_s: matrices[2], W_o: matrices[3],
                                                         b_f: biases[0], b_i: biases[1], b_s: biases[2], b_o: biases[3]))
            let sequence = try readSequence(value)
            try network.validate(sequence)
            return (network, sequence)
        } catch let error as RecurrentShapeError {
            throw (value[error.key] ?? value).error(error.message)
        }
    }

    /// `inputs`, `initial_state` and `target` or `targets`.
    static func readSequence(_ value: YAMLValue) throws -> RecurrentSequence {
        let inputsValue = try value.require("inputs", expected: "the inputs x⁽¹⁾ … x⁽ᵀ⁾, one vector per step, such as [[1], [0.5], [-1]]")
        let inputs = try steps(inputsValue)
        let initial = try value["initial_state"]?.vector()
        let targets: RecurrentTargets
        switch (value["target"], value["targets"]) {
        case (let one?, nil): targets = .last(try vector(one))
        case (nil, let many?): targets = .everyStep(try steps(many))
        case (_?, let many?): throw many.error("give either 'target' (a loss on the last output) or 'targets' (one per step), not both")
        case (nil, nil):
            throw value.error("the key 'target' is missing; it should hold the target of the last output (many-to-one), or give 'targets', one per step (many-to-many)")
        }
        return RecurrentSequence(inputs: inputs, initialState: initial, targets: targets)
    }

    /// A list with one vector per step; a number stands for a vector of one value.
    static func steps(_ value: YAMLValue) throws -> [[Double]] {
        if let text = try? value.string() {
            // One literal "1 0.5 -1" is a sequence of one-value inputs; "1 2; 3 4" one row per step.
            let matrix: Tensor
            do { matrix = try MatrixLiteral.parse(text) } catch let error as InputError { throw value.error(error.message) }
            return matrix.rows == 1 ? matrix.scalars.map { [$0] } : matrix.rowArrays
        }
        return try value.items().map(vector)
    }

    /// A vector, or one number as a vector of one.
    static func vector(_ value: YAMLValue) throws -> [Double] {
        if (try? value.items()) == nil, let number = try? value.double() { return [number] }
        return try value.vector()
    }

    static func activation(_ value: YAMLValue?, default fallback: Activation) throws -> Activation {
        guard let value else { return fallback }
        do { return try Activation.named(try value.string()) } catch let error as InputError { throw value.error(error.message) }
    }

    /// A file whose top level holds `network:` (or a lesson file whose `example:` does).
    public static func document(_ url: URL, displayName: String) throws -> YAMLValue {
        let document = try YAMLValue.load(url, displayName: displayName)
        guard document.isMapping else { throw document.error("expected a mapping with the key 'network'") }
        if document["network"] == nil, let nested = document["example"]?["network"] { return nested }
        return try document.require("network", expected: "the network: its matrices, inputs, loss and target")
    }
}
