/// The LSTM cell of seeds/003, run over a sequence, with the input [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾] (previous
/// output first):
///
///     f = σ(W_f·[ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾] + b_f),   i = σ(W_i·[…] + b_i),   s̃ = tanh(W_s·[…] + b_s),
///     s⁽ᵗ⁾ = f ∗ s⁽ᵗ⁻¹⁾ + i ∗ s̃,       o = σ(W_o·[…] + b_o),   ŷ⁽ᵗ⁾ = o ∗ tanh(s⁽ᵗ⁾).
///
/// In colah's and PyTorch's notation s is the cell state c and ŷ the hidden state h;
/// PyTorch's `nn.LSTM` orders its gates i, f, g, o (g = s̃) and splits each W into W_ih (the
/// x columns) and W_hh (the h columns), with two biases b_ih + b_hh = b. The loss is mse,
/// ½Σ(ŷ − y)², on the steps with a target.
public struct LSTMNetwork: Equatable, Codable, Sendable {
    /// The four gates' weights and biases.
    public var parameters: LSTMParameters

    /// Creates a cell, checking that each W is h×(h+n) and each bias has h values.
    public init(_ parameters: LSTMParameters) throws {
        let h = parameters.b_f.count
        guard h > 0 else { throw RecurrentShapeError(key: "b_f", "expected at least one value, one per unit of the cell") }
        for (key, bias) in zip(LSTMParameters.keys.suffix(4), parameters.biases) {
            guard bias.count == h else {
                throw RecurrentShapeError(key: key, "expected \(h) values, one per unit (as b_f has), got \(bias.count)")
            }
            try Vectors.requireFinite(bias, key: key)
        }
        let columns = parameters.W_f.columns
        guard parameters.W_f.rank == 2, parameters.W_f.rows == h, columns > h else {
            throw RecurrentShapeError(key: "W_f", "expected an \(h)×(\(h) + n) matrix: one row per unit and one column per value of [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾], got \(Notation.shape(parameters.W_f.shape))")
        }
        for (key, m) in zip(LSTMParameters.keys.prefix(4), parameters.weights) {
            try Vectors.requireMatrix(m, key: key, rows: h, columns: columns,
                                      meaning: "h×(h + n) with h = \(h) and n = \(columns - h), as W_f")
        }
        self.parameters = parameters
    }

    /// h, the units of the cell (the length of s and ŷ).
    public var hiddenUnits: Int { parameters.b_f.count }
    /// n, the length of each x⁽ᵗ⁾.
    public var inputs: Int { parameters.W_f.columns - hiddenUnits }

    /// Checks a sequence: T ≥ 1 inputs of n finite values, targets of h values.
    public func validate(_ sequence: RecurrentSequence) throws {
        try sequence.validate(inputs: inputs, inputsAre: "the columns of W_f after the first h = \(hiddenUnits)",
                              hiddenUnits: hiddenUnits, unitsAre: "one per unit", outputs: hiddenUnits)
    }
}
