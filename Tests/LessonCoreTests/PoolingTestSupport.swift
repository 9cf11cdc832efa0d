import LessonTestSupport
import LessonCore

/// A random pooling and an input it applies to: sizes 1–4, strides 1–3, padding up to ⌊k/2⌋,
/// inputs up to 7×7 of small integers (so ties happen) or of decimals.
struct RandomPoolingCase: CustomStringConvertible {
    var pool: Pool2D
    var input: Tensor
    var seed: UInt64

    init(seed: UInt64, op: PoolingOp? = nil) {
        var rng = SplitMix64(seed: seed)
        let size = Pair2(rows: Int.random(in: 1...4, using: &rng), columns: Int.random(in: 1...4, using: &rng))
        let stride = Pair2(rows: Int.random(in: 1...3, using: &rng), columns: Int.random(in: 1...3, using: &rng))
        let padding = Pair2(rows: Int.random(in: 0...(size.rows / 2), using: &rng),
                            columns: Int.random(in: 0...(size.columns / 2), using: &rng))
        let rows = Int.random(in: max(1, size.rows - 2 * padding.rows)...7, using: &rng)
        let columns = Int.random(in: max(1, size.columns - 2 * padding.columns)...7, using: &rng)
        let integers = Bool.random(using: &rng)
        let scalars = (0..<(rows * columns)).map { _ in
            integers ? Double(Int.random(in: -3...3, using: &rng)) : Double.random(in: -10...10, using: &rng)
        }
        let chosen = op ?? PoolingOp.allCases[Int.random(in: 0..<3, using: &rng)]
        pool = Pool2D(op: chosen, size: size, stride: stride, padding: padding,
                      countIncludePad: Bool.random(using: &rng))
        input = Tensor(shape: [rows, columns], scalars: scalars)
        self.seed = seed
    }

    var description: String {
        "seed \(seed): \(pool.op) size \(pool.size) stride \(pool.stride) padding \(pool.padding) include pad \(pool.countIncludePad) on \(Notation.inlineMatrix(input))"
    }
}

/// An independent reference: pad with −∞ (max), +∞ (min) or 0 (average), then reduce each window.
func referencePool(_ input: Tensor, _ pool: Pool2D) -> Tensor {
    let fill: Double = pool.op == .max ? -.infinity : pool.op == .min ? .infinity : 0
    let p = pool.padding, k = pool.size, s = pool.stride
    let rows = input.shape[0] + 2 * p.rows, columns = input.shape[1] + 2 * p.columns
    var padded = Tensor(shape: [rows, columns], repeating: fill)
    var real = Tensor(shape: [rows, columns], repeating: 0)
    for r in 0..<input.shape[0] { for c in 0..<input.shape[1] { padded[r + p.rows, c + p.columns] = input[r, c]; real[r + p.rows, c + p.columns] = 1 } }
    let outRows = (rows - k.rows) / s.rows + 1, outColumns = (columns - k.columns) / s.columns + 1
    var out = Tensor(shape: [outRows, outColumns])
    for i in 0..<outRows {
        for j in 0..<outColumns {
            var values: [Double] = [], count = 0.0
            for u in 0..<k.rows { for v in 0..<k.columns {
                values.append(padded[i * s.rows + u, j * s.columns + v])
                count += real[i * s.rows + u, j * s.columns + v]
            } }
            switch pool.op {
            case .max: out[i, j] = values.max() ?? .nan
            case .min: out[i, j] = values.min() ?? .nan
            case .avg: out[i, j] = values.reduce(0, +) / (pool.countIncludePad ? Double(values.count) : count)
            }
        }
    }
    return out
}
