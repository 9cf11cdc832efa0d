import LessonCore

/// TensorFlow's `padding="same"` and a convolution written the plain way (pad with zeros, then
/// slide the kernel with no padding), kept apart from `SamePadding` and `Conv2D` so the lessons
/// are checked against something they do not share code with.
enum SamePaddingReference {
    /// The zeros before and after one axis of n cells, from TensorFlow's documentation: the
    /// output has ⌈n/s⌉ cells, the total is what those windows need beyond n, the odd one after.
    static func sides(n: Int, k: Int, s: Int, d: Int) -> (before: Int, after: Int) {
        let out = (n + s - 1) / s
        let total = max((out - 1) * s + d * (k - 1) + 1 - n, 0)
        return (total / 2, total - total / 2)
    }

    /// `x` (rows of numbers) with `top`, `bottom`, `left` and `right` rows and columns of zeros.
    static func padded(_ x: [[Double]], top: Int, bottom: Int, left: Int, right: Int) -> [[Double]] {
        let width = left + (x.first?.count ?? 0) + right
        let zeros = Array(repeating: 0.0, count: width)
        return Array(repeating: zeros, count: top)
            + x.map { Array(repeating: 0, count: left) + $0 + Array(repeating: 0, count: right) }
            + Array(repeating: zeros, count: bottom)
    }

    /// Cross-correlation of `x` with `w` with no padding: z[i][j] = Σ x[i·s + u·d][j·s + v·d] · w[u][v] + b.
    static func valid(_ x: [[Double]], _ w: [[Double]], stride s: Pair2, dilation d: Pair2, bias: Double = 0) -> [[Double]] {
        let (kr, kc) = (w.count, w[0].count)
        let rows = (x.count - d.rows * (kr - 1) - 1) / s.rows + 1
        let columns = (x[0].count - d.columns * (kc - 1) - 1) / s.columns + 1
        return (0..<rows).map { i in
            (0..<columns).map { j in
                var sum = bias
                for u in 0..<kr { for v in 0..<kc { sum += x[i * s.rows + u * d.rows][j * s.columns + v * d.columns] * w[u][v] } }
                return sum
            }
        }
    }

    /// Rows of a matrix tensor.
    static func rows(_ t: Tensor) -> [[Double]] {
        (0..<t.shape[0]).map { r in (0..<t.shape[1]).map { c in t[r, c] } }
    }

    /// A random matrix of small integers, so every sum is exact.
    static func matrix(_ rows: Int, _ columns: Int, _ random: inout SplitMix64) -> Tensor {
        Tensor(shape: [rows, columns], scalars: (0..<(rows * columns)).map { _ in Double(Int.random(in: -5...5, using: &random)) })
    }
}
