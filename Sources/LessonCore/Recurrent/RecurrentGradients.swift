/// One value per parameter of a `RecurrentNetwork`: its gradients, or the parameters themselves.
public struct RecurrentGradients: Equatable, Codable, Sendable {
    /// ∂E/∂U, h×n.
    public var U: Tensor
    /// ∂E/∂W, h×h.
    public var W: Tensor
    /// ∂E/∂V, o×h.
    public var V: Tensor
    /// ∂E/∂b.
    public var b: [Double]
    /// ∂E/∂c.
    public var c: [Double]

    /// Creates the gradients.
    public init(U: Tensor, W: Tensor, V: Tensor, b: [Double], c: [Double]) {
        self.U = U
        self.W = W
        self.V = V
        self.b = b
        self.c = c
    }

    /// Zeros for a network of h hidden units, n inputs and o outputs.
    public init(hidden h: Int, inputs n: Int, outputs o: Int) {
        self.init(U: Tensor(shape: [h, n]), W: Tensor(shape: [h, h]), V: Tensor(shape: [o, h]),
                  b: Array(repeating: 0, count: h), c: Array(repeating: 0, count: o))
    }

    /// Every value as (name, flat index, value), in the order U, W, V, b, c, row by row;
    /// names are 1-based (`W₁₂`, `b₁`).
    public var entries: [(name: String, value: Double)] {
        func matrix(_ symbol: String, _ m: Tensor) -> [(String, Double)] {
            (0..<m.rows).flatMap { i in (0..<m.columns).map { j in (RecurrentNotation.entry(symbol, i, j), m[i, j]) } }
        }
        func vector(_ symbol: String, _ v: [Double]) -> [(String, Double)] {
            v.indices.map { (RecurrentNotation.entry(symbol, $0), v[$0]) }
        }
        return matrix("U", U) + matrix("W", W) + matrix("V", V) + vector("b", b) + vector("c", c)
    }

    /// All values in the order of `entries`.
    public var flat: [Double] { U.scalars + W.scalars + V.scalars + b + c }

    /// The same shapes with values taken from `flat` (in the order of `entries`).
    public func with(flat values: [Double]) -> RecurrentGradients {
        precondition(values.count == flat.count, "\(values.count) values for \(flat.count) parameters")
        var i = 0
        func take(_ n: Int) -> [Double] { defer { i += n }; return Array(values[i..<(i + n)]) }
        let u = Tensor(shape: U.shape, scalars: take(U.count))
        let w = Tensor(shape: W.shape, scalars: take(W.count))
        let v = Tensor(shape: V.shape, scalars: take(V.count))
        let bb = take(b.count)
        let cc = take(c.count)
        return RecurrentGradients(U: u, W: w, V: v, b: bb, c: cc)
    }
}
