/// The weights and biases of an LSTM cell, or their gradients: one h×(h+n) matrix and one
/// bias of h values per gate, the columns ordered as the seed's concatenation [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾].
public struct LSTMParameters: Equatable, Codable, Sendable {
    /// Forget gate f.
    public var W_f: Tensor
    /// Input gate i.
    public var W_i: Tensor
    /// Candidate state s̃.
    public var W_s: Tensor
    /// Output gate o.
    public var W_o: Tensor
    public var b_f: [Double]
    public var b_i: [Double]
    public var b_s: [Double]
    public var b_o: [Double]

    /// Creates the parameters.
    public init(W_f: Tensor, W_i: Tensor, W_s: Tensor, W_o: Tensor, b_f: [Double], b_i: [Double], b_s: [Double], b_o: [Double]) {
        self.W_f = W_f
        self.W_i = W_i
        self.W_s = W_s
        self.W_o = W_o
        self.b_f = b_f
        self.b_i = b_i
        self.b_s = b_s
        self.b_o = b_o
    }

    /// Zeros for h units and n inputs.
    public init(hidden h: Int, inputs n: Int) {
        let m = Tensor(shape: [h, h + n]), v = Array(repeating: 0.0, count: h)
        self.init(W_f: m, W_i: m, W_s: m, W_o: m, b_f: v, b_i: v, b_s: v, b_o: v)
    }

    /// The lesson-file keys, in the order of `flat`.
    public static let keys = ["W_f", "W_i", "W_s", "W_o", "b_f", "b_i", "b_s", "b_o"]

    /// The matrices in the order f, i, s̃, o.
    public var weights: [Tensor] { [W_f, W_i, W_s, W_o] }
    /// The biases in the order f, i, s̃, o.
    public var biases: [[Double]] { [b_f, b_i, b_s, b_o] }

    /// Every value: the four matrices row by row, then the four biases.
    public var flat: [Double] { weights.flatMap(\.scalars) + biases.flatMap { $0 } }

    /// Names in the order of `flat`: `W_f₁₂`, `b_o₁`.
    public var names: [String] {
        zip(Self.keys.prefix(4), weights).flatMap { key, m in
            (0..<m.rows).flatMap { i in (0..<m.columns).map { j in RecurrentNotation.entry(key, i, j) } }
        } + zip(Self.keys.suffix(4), biases).flatMap { key, v in v.indices.map { RecurrentNotation.entry(key, $0) } }
    }

    /// The same shapes with values from `flat`.
    public func with(flat values: [Double]) -> LSTMParameters {
        precondition(values.count == flat.count, "\(values.count) values for \(flat.count) LSTM parameters")
        var i = 0
        func take(_ n: Int) -> [Double] { defer { i += n }; return Array(values[i..<(i + n)]) }
        let shape = W_f.shape, h = b_f.count, size = W_f.count
        return LSTMParameters(W_f: Tensor(shape: shape, scalars: take(size)), W_i: Tensor(shape: shape, scalars: take(size)),
                              W_s: Tensor(shape: shape, scalars: take(size)), W_o: Tensor(shape: shape, scalars: take(size)),
                              b_f: take(h), b_i: take(h), b_s: take(h), b_o: take(h))
    }
}
