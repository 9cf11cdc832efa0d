import Foundation

/// A simple (Elman) recurrent network in the notation of seeds/003:
///
///     s⁽⁰⁾ given (0 by default),
///     s⁽ᵗ⁾ = φ₁(W s⁽ᵗ⁻¹⁾ + U x⁽ᵗ⁾ + b),   ŷ⁽ᵗ⁾ = φ₂(V s⁽ᵗ⁾ + c),   t = 1 … T,
///
/// with U h×n, W h×h, V o×h, b of h values and c of o values. PyTorch's `nn.RNN` writes the
/// same state as h = tanh(W_ih x + b_ih + W_hh h + b_hh): W_ih = U, W_hh = W, b_ih + b_hh = b.
/// The loss is E = Σₜ L(ŷ⁽ᵗ⁾, y⁽ᵗ⁾) over the steps that have a target (`RecurrentTargets`).
public struct RecurrentNetwork: Equatable, Codable, Sendable {
    /// Input to hidden, h×n.
    public var U: Tensor
    /// Hidden to hidden (the recurrent path), h×h.
    public var W: Tensor
    /// Hidden to output, o×h.
    public var V: Tensor
    /// The hidden bias, h values.
    public var b: [Double]
    /// The output bias, o values.
    public var c: [Double]
    /// φ₁.
    public var hiddenActivation: Activation
    /// φ₂.
    public var outputActivation: Activation
    /// L, summed over the output units.
    public var loss: Loss

    /// The activations a hidden state may use.
    public static let hiddenActivations: [Activation] = [.tanh, .relu, .sigmoid, .linear]
    /// The activations an output may use.
    public static let outputActivations: [Activation] = [.sigmoid, .softmax, .linear, .tanh]

    /// Creates a network, checking that the shapes fit: U h×n, W h×h, V o×h, b h, c o.
    /// Absent biases are zeros.
    public init(U: Tensor, W: Tensor, V: Tensor, b: [Double]? = nil, c: [Double]? = nil,
                hiddenActivation: Activation = .tanh, outputActivation: Activation = .sigmoid,
                loss: Loss = .binaryCrossEntropy) throws {
        guard U.rank == 2, U.rows > 0, U.columns > 0 else {
            throw RecurrentShapeError(key: "U", "expected an h×n matrix (one row per hidden unit, one column per input), got \(Notation.shape(U.shape))")
        }
        let h = U.rows
        try Vectors.requireFinite(U.scalars, key: "U")
        try Vectors.requireMatrix(W, key: "W", rows: h, columns: h, meaning: "h×h, h = \(h) hidden units as U has rows")
        guard V.rank == 2, V.rows > 0, V.columns == h else {
            throw RecurrentShapeError(key: "V", "expected an o×\(h) matrix (one column per hidden unit, as U has \(h) rows), got \(Notation.shape(V.shape))")
        }
        try Vectors.requireFinite(V.scalars, key: "V")
        let o = V.rows
        let bias = b ?? Array(repeating: 0, count: h)
        guard bias.count == h else { throw RecurrentShapeError(key: "b", "expected \(h) values, one per hidden unit, got \(bias.count)") }
        try Vectors.requireFinite(bias, key: "b")
        let outBias = c ?? Array(repeating: 0, count: o)
        guard outBias.count == o else { throw RecurrentShapeError(key: "c", "expected \(o) values, one per output unit (the rows of V), got \(outBias.count)") }
        try Vectors.requireFinite(outBias, key: "c")
        guard Self.hiddenActivations.contains(hiddenActivation) else {
            throw RecurrentShapeError(key: "hidden_activation", "'\(hiddenActivation.rawValue)' cannot be a hidden activation; expected one of \(Self.hiddenActivations.map(\.rawValue).joined(separator: ", "))")
        }
        guard Self.outputActivations.contains(outputActivation) else {
            throw RecurrentShapeError(key: "output_activation", "'\(outputActivation.rawValue)' cannot be an output activation; expected one of \(Self.outputActivations.map(\.rawValue).joined(separator: ", "))")
        }
        guard loss != .sse else {
            throw RecurrentShapeError(key: "loss", "expected mse, binary-cross-entropy or cross-entropy, got sse")
        }
        self.U = U
        self.W = W
        self.V = V
        self.b = bias
        self.c = outBias
        self.hiddenActivation = hiddenActivation
        self.outputActivation = outputActivation
        self.loss = loss
    }

    /// h, the number of hidden units.
    public var hiddenUnits: Int { U.rows }
    /// n, the length of each x⁽ᵗ⁾.
    public var inputs: Int { U.columns }
    /// o, the length of each ŷ⁽ᵗ⁾.
    public var outputs: Int { V.rows }

    /// The same network with other parameters (as an update or a finite difference makes them).
    public func replacing(_ parameters: RecurrentGradients) -> RecurrentNetwork {
        var copy = self
        copy.U = parameters.U
        copy.W = parameters.W
        copy.V = parameters.V
        copy.b = parameters.b
        copy.c = parameters.c
        return copy
    }

    /// The parameters as one value with the shape of the gradients.
    public var parameters: RecurrentGradients { RecurrentGradients(U: U, W: W, V: V, b: b, c: c) }

    /// Checks a sequence against the network: T ≥ 1 inputs of n finite values, an initial
    /// state of h values, targets of o values.
    public func validate(_ sequence: RecurrentSequence) throws {
        try sequence.validate(inputs: inputs, inputsAre: "one per column of U", hiddenUnits: hiddenUnits,
                              unitsAre: "one per hidden unit", outputs: outputs)
        if loss == .binaryCrossEntropy, outputActivation != .sigmoid, outputActivation != .softmax {
            throw RecurrentShapeError(key: "loss", "binary-cross-entropy needs outputs between 0 and 1; use output_activation sigmoid (or softmax), or the loss mse")
        }
        if loss == .crossEntropy, outputActivation != .softmax, outputActivation != .sigmoid {
            throw RecurrentShapeError(key: "loss", "cross-entropy needs outputs between 0 and 1; use output_activation softmax (or sigmoid), or the loss mse")
        }
    }
}
