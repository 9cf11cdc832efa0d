import Foundation
import LessonTestSupport
import LessonCore
import Testing

/// Keras' `padding="same"` pooling (`MaxPooling2D`, `AveragePooling2D`): ⌈n/s⌉ windows per axis,
/// an odd total's extra cell after the input, padding that never wins a max or min and is not
/// counted in an average. Checked against a second formulation that pads nothing: window i starts
/// at i·s − before and is clipped to the input.
@Suite struct PoolingSamePaddingTests {
    /// The clipped-window reference: per axis o = ⌈n/s⌉, before = ⌊max((o − 1)s + k − n, 0)/2⌋, and
    /// each output cell the max, min or mean of the input cells its window covers.
    static func reference(_ input: Tensor, op: PoolingOp, size: Pair2, stride: Pair2) -> Tensor {
        func axis(_ n: Int, _ k: Int, _ s: Int) -> (outputs: Int, before: Int) {
            let o = (n + s - 1) / s
            return (o, max((o - 1) * s + k - n, 0) / 2)
        }
        let (rows, top) = axis(input.shape[0], size.rows, stride.rows)
        let (columns, left) = axis(input.shape[1], size.columns, stride.columns)
        var out = Tensor(shape: [rows, columns])
        for i in 0..<rows {
            for j in 0..<columns {
                let r0 = i * stride.rows - top, c0 = j * stride.columns - left
                let rs = max(r0, 0)..<min(r0 + size.rows, input.shape[0])
                let cs = max(c0, 0)..<min(c0 + size.columns, input.shape[1])
                let values = rs.flatMap { r in cs.map { c in input[r, c] } }
                switch op {
                case .max: out[i, j] = values.max()!
                case .min: out[i, j] = values.min()!
                case .avg: out[i, j] = values.reduce(0, +) / Double(values.count)
                }
            }
        }
        return out
    }

    static func randomCase(seed: UInt64) -> (pool: Pool2D, input: Tensor, description: String) {
        var rng = SplitMix64(seed: seed)
        let size = Pair2(rows: Int.random(in: 1...4, using: &rng), columns: Int.random(in: 1...4, using: &rng))
        let stride = Pair2(rows: Int.random(in: 1...3, using: &rng), columns: Int.random(in: 1...3, using: &rng))
        let shape = [Int.random(in: 1...8, using: &rng), Int.random(in: 1...8, using: &rng)]
        let scalars = (0..<(shape[0] * shape[1])).map { _ in Double.random(in: -10...10, using: &rng) }
        let op = PoolingOp.allCases[Int.random(in: 0..<3, using: &rng)]
        let input = Tensor(shape: shape, scalars: scalars)
        let pool = Pool2D.same(op, size: size, stride: stride, inputShape: shape)
        return (pool, input, "seed \(seed): \(op) size \(size) stride \(stride) on \(Notation.shape(shape))")
    }

    @Test(arguments: Seeds.range(1...300)) func forwardAgreesWithClippedWindows(seed: UInt64) throws {
        let c = Self.randomCase(seed: seed)
        let trace = try c.pool.forward(c.input)
        let expected = Self.reference(c.input, op: c.pool.op, size: c.pool.size, stride: c.pool.stride)
        #expect(trace.output.shape == [(c.input.shape[0] + c.pool.stride.rows - 1) / c.pool.stride.rows,
                                       (c.input.shape[1] + c.pool.stride.columns - 1) / c.pool.stride.columns], "\(c.description)")
        #expect(trace.output.shape == trace.outputSizes.map(\.output), "\(c.description): the formula's size")
        guard trace.output.shape == expected.shape else { return }
        for (a, b) in zip(trace.output.scalars, expected.scalars) {
            #expect(agree(a, b, absolute: 1e-12), "\(c.description): \(a) vs \(b)")
        }
    }

    /// ∂L/∂x for L = Σ g ⊙ y by central differences (random decimals: no ties, so a small step keeps every winner).
    @Test(arguments: Seeds.range(1...60)) func backwardAgreesWithFiniteDifferences(seed: UInt64) throws {
        let c = Self.randomCase(seed: seed)
        let trace = try c.pool.forward(c.input)
        var rng = SplitMix64(seed: seed &+ 1000)
        let g = Tensor(shape: trace.output.shape,
                       scalars: (0..<trace.output.count).map { _ in Double.random(in: -2...2, using: &rng) })
        let gradient = try c.pool.backward(trace, upstream: g).gradient
        func loss(_ x: Tensor) throws -> Double {
            zip(try c.pool.forward(x).output.scalars, g.scalars).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let h = 1e-6
        for index in c.input.scalars.indices {
            var plusScalars = c.input.scalars, minusScalars = c.input.scalars
            plusScalars[index] += h
            minusScalars[index] -= h
            let plus = Tensor(shape: c.input.shape, scalars: plusScalars)
            let minus = Tensor(shape: c.input.shape, scalars: minusScalars)
            let numeric = (try loss(plus) - loss(minus)) / (2 * h)
            #expect(agree(gradient.scalars[index], numeric, absolute: 1e-6), "\(c.description), x[\(index)]")
        }
    }

    /// The 5×5 example checked against jax.lax.reduce_window(…, 'SAME'): 2×2 windows, stride 2, one extra
    /// row and column of padding after the input; the corner window holds 25 alone.
    @Test func fiveByFiveAverageAsKeras() throws {
        let input = Tensor(shape: [5, 5], scalars: (1...25).map(Double.init))
        let pool = Pool2D.same(.avg, size: Pair2(2), inputShape: [5, 5])
        #expect(pool.padding == Pair2(0) && pool.extraPadding == Pair2(1) && !pool.countIncludePad)
        let trace = try pool.forward(input)
        #expect(trace.output.scalars == [4, 6, 7.5, 14, 16, 17.5, 21.5, 23.5, 25])
        #expect(trace.paddedShape == [6, 6])
        #expect(trace.settings == "average pooling 2×2, stride 2, padding same (Keras): 0 before, 1 after, padding left out of the count (as Keras averages)")
        #expect(Pool2D.filledIn(trace.outputSizes[0]) == "o = ⌊(5 + 0 + 1 − 2)/2⌋ + 1 = ⌊4/2⌋ + 1 = 3")
        let max = try Pool2D.same(.max, size: Pair2(2), inputShape: [5, 5]).forward(input)
        #expect(max.output.scalars == [7, 9, 10, 17, 19, 20, 22, 24, 25])
    }

    /// An even total splits evenly: 3×3 windows at stride 1 pad one cell on each side, as PyTorch's padding=1
    /// with count_include_pad=False, and the trace records no extra padding.
    @Test func evenTotalIsSymmetric() throws {
        let pool = Pool2D.same(.avg, size: Pair2(3), stride: Pair2(1), inputShape: [4, 4])
        #expect(pool == Pool2D(op: .avg, size: Pair2(3), stride: Pair2(1), padding: Pair2(1), countIncludePad: false))
        let trace = try pool.forward(Tensor(shape: [4, 4], scalars: (1...16).map(Double.init)))
        #expect(trace.extraPadding == nil)
        #expect(trace.output.shape == [4, 4])
    }
}
