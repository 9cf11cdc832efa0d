/// The few vector and matrix products the recurrent engine needs, on `[Double]` and `Tensor`.
///
/// Sums run left to right in index order, so results are the same bytes every run.
enum Vectors {
    /// M v for an r×c matrix and a vector of c values.
    static func times(_ m: Tensor, _ v: [Double]) -> [Double] {
        precondition(m.rank == 2 && m.columns == v.count, "matrix \(m.shape) times vector of \(v.count)")
        return sums(m.rows, of: m.columns) { i, j in m[i, j] * v[j] }
    }

    /// Mᵀ v for an r×c matrix and a vector of r values.
    static func transposedTimes(_ m: Tensor, _ v: [Double]) -> [Double] {
        precondition(m.rank == 2 && m.rows == v.count, "transposed matrix \(m.shape) times vector of \(v.count)")
        return sums(m.columns, of: m.rows) { j, i in m[i, j] * v[i] }
    }

    /// `count` sums, sum i adding `term(i, k)` for k = 0, 1, … `length` − 1 in that order.
    private static func sums(_ count: Int, of length: Int, _ term: (Int, Int) -> Double) -> [Double] {
        (0..<count).map { i in
            var sum = 0.0
            for k in 0..<length { sum += term(i, k) }
            return sum
        }
    }

    /// The outer product u vᵀ.
    static func outer(_ u: [Double], _ v: [Double]) -> Tensor {
        var out = Tensor(shape: [u.count, v.count])
        for i in u.indices { for j in v.indices { out[i, j] = u[i] * v[j] } }
        return out
    }

    /// a + b, element by element.
    static func add(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map(+) }

    /// a ∘ b, element by element.
    static func hadamard(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map(*) }

    /// A + B for matrices of one shape.
    static func add(_ a: Tensor, _ b: Tensor) -> Tensor {
        precondition(a.shape == b.shape, "adding \(a.shape) and \(b.shape)")
        return Tensor(shape: a.shape, scalars: zip(a.scalars, b.scalars).map(+))
    }

    /// The Frobenius norm √(Σᵢⱼ mᵢⱼ²).
    static func frobenius(_ m: Tensor) -> Double {
        m.scalars.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }

    /// Throws unless every value is finite.
    static func requireFinite(_ values: [Double], key: String) throws {
        if let bad = values.first(where: { !$0.isFinite }) {
            throw RecurrentShapeError(key: key, "holds \(bad), but every value must be a finite number")
        }
    }

    /// Throws unless the matrix is rows×columns with finite values; `meaning` says why that shape.
    static func requireMatrix(_ m: Tensor, key: String, rows: Int, columns: Int, meaning: String) throws {
        guard m.rank == 2, m.rows == rows, m.columns == columns else {
            throw RecurrentShapeError(key: key, "expected a \(rows)×\(columns) matrix (\(meaning)), got \(Notation.shape(m.shape))")
        }
        try requireFinite(m.scalars, key: key)
    }

    /// The loss-side δ of one output layer: ∂L/∂q for pre-activations q, outputs a = f(q), target y.
    ///
    /// Sigmoid with binary cross-entropy gives a − y; softmax with cross-entropy gives
    /// a·Σⱼyⱼ − y (a − y when the target sums to 1); otherwise ∂L/∂a ∘ f′(q), or the softmax
    /// Jacobian Jᵀ ∂L/∂a.
    static func outputDelta(activation: Activation, loss: Loss, q: [Double], a: [Double], y: [Double]) -> [Double] {
        if loss == .binaryCrossEntropy && activation == .sigmoid { return zip(a, y).map { $0 - $1 } }
        if loss == .crossEntropy && activation == .softmax {
            let total = y.reduce(0, +)
            return zip(a, y).map { $0 * total - $1 }
        }
        let g = loss.gradient(output: a, target: y)
        if activation == .softmax {
            let dot = zip(a, g).reduce(0) { $0 + $1.0 * $1.1 }
            return zip(a, g).map { $0 * ($1 - dot) }
        }
        return zip(g, q).map { $0 * activation.derivative($1) }
    }
}
