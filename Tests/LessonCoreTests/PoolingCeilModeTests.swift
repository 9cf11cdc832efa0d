import Foundation
import LessonTestSupport
import LessonCore
import Testing

/// PyTorch's `ceil_mode=True` pooling, checked against PyTorch's own arithmetic written out as its CPU
/// kernels and `pooling_output_shape` compute it: o = ⌊(n + 2p − k + s − 1)/s⌋ + 1, one less when
/// (o − 1)s ≥ n + p; a window [i·s − p, i·s − p + k) whose average divides by the part within
/// [−p, n + p) when padding counts, by the part within [0, n) when it does not.
@Suite struct PoolingCeilModeTests {
    static func outputs(_ n: Int, _ k: Int, _ p: Int, _ s: Int) -> Int {
        var o = (n + 2 * p - k + s - 1) / s + 1
        if (o - 1) * s >= n + p { o -= 1 }
        return o
    }

    static func reference(_ x: Tensor, _ pool: Pool2D) -> Tensor {
        let (h, w) = (x.shape[0], x.shape[1])
        let (k, s, p) = (pool.size, pool.stride, pool.padding)
        let rows = outputs(h, k.rows, p.rows, s.rows), columns = outputs(w, k.columns, p.columns, s.columns)
        var out = Tensor(shape: [rows, columns])
        for i in 0..<rows {
            for j in 0..<columns {
                var (h0, w0) = (i * s.rows - p.rows, j * s.columns - p.columns)
                var h1 = min(h0 + k.rows, h + p.rows), w1 = min(w0 + k.columns, w + p.columns)
                let poolSize = (h1 - h0) * (w1 - w0)
                (h0, w0, h1, w1) = (max(h0, 0), max(w0, 0), min(h1, h), min(w1, w))
                let values = (h0..<h1).flatMap { r in (w0..<w1).map { c in x[r, c] } }
                switch pool.op {
                case .max: out[i, j] = values.max()!
                case .min: out[i, j] = values.min()!
                case .avg: out[i, j] = values.reduce(0, +) / Double(pool.countIncludePad ? poolSize : values.count)
                }
            }
        }
        return out
    }

    @Test(arguments: Seeds.range(1...300)) func forwardAgreesWithPyTorchsArithmetic(seed: UInt64) throws {
        var c = RandomPoolingCase(seed: seed)
        c.pool.ceilMode = true
        let trace = try c.pool.forward(c.input)
        let expected = Self.reference(c.input, c.pool)
        #expect(trace.output.shape == expected.shape, "\(c)")
        #expect(trace.output.shape == trace.outputSizes.map(\.output), "\(c): the formula's size")
        guard trace.output.shape == expected.shape else { return }
        for (a, b) in zip(trace.output.scalars, expected.scalars) {
            #expect(agree(a, b, absolute: 1e-12), "\(c): \(a) vs \(b)")
        }
        #expect(trace.operation == c.pool, "\(c): the trace rebuilds its operation")
    }

    /// Every small shape, windows longer than the padded input included: PyTorch pools whenever
    /// n + 2p − k + s − 1 ≥ 0 (a 1×3 input pooled 2×2 with stride 2 gives [[2, 3]]) and refuses otherwise.
    @Test func windowsLongerThanTheInputPoolWherePyTorchDoes() throws {
        let example = try Pool2D(op: .max, size: Pair2(2), ceilMode: true).forward(Tensor(rows: [[1, 2, 3]]))
        #expect(example.output == Tensor(rows: [[2, 3]]))
        for n in 1...4 {
            for k in 1...5 {
                for s in 1...3 {
                    for p in 0...(k / 2) {
                        for op in [PoolingOp.max, .avg] {
                            let pool = Pool2D(op: op, size: Pair2(rows: k, columns: 1), stride: Pair2(rows: s, columns: 1),
                                              padding: Pair2(rows: p, columns: 0), ceilMode: true)
                            let input = Tensor(shape: [n, 2], scalars: (0..<2 * n).map { Double($0 * 7 % 5) - 2 })
                            guard n + 2 * p - k + s - 1 >= 0 else {
                                #expect(throws: InputError.self, "n \(n) k \(k) s \(s) p \(p)") { try pool.forward(input) }
                                continue
                            }
                            let trace = try pool.forward(input)
                            #expect(trace.output == Self.reference(input, pool), "n \(n) k \(k) s \(s) p \(p) \(op)")
                        }
                    }
                }
            }
        }
    }

    /// 5×5, 2×2 windows, stride 2: floor mode gives 2×2, ceil mode 3×3 whose last row and column of
    /// windows hold one input cell each; the average divides by the cells within the input (no padding).
    @Test func fiveByFiveRoundsUp() throws {
        let input = Tensor(shape: [5, 5], scalars: (1...25).map(Double.init))
        let floor = try Pool2D(op: .avg, size: Pair2(2)).forward(input)
        #expect(floor.output.shape == [2, 2])
        let trace = try Pool2D(op: .avg, size: Pair2(2), ceilMode: true).forward(input)
        #expect(trace.output.scalars == [4, 6, 7.5, 14, 16, 17.5, 21.5, 23.5, 25])
        #expect(trace.extraPadding == Pair2(1) && trace.ceilMode == true)
        #expect(Pool2D.filledIn(trace.outputSizes[0], ceilMode: true)
                == "o = ⌈(5 + 2×0 − 2)/2⌉ + 1 = ⌈3/2⌉ + 1 = 3 (the last window reaches 1 past the padding)")
        #expect(trace.step(row: 2, column: 2).text(op: .avg) == "y[3,3] = (25)/1 = 25")
    }

    /// The rule that drops a window starting in the padding after the input: n = 3, k = 2, s = 2, p = 1 rounds
    /// up to ⌈3/2⌉ + 1 = 3, but a third window would start at (3 − 1)×2 − 1 = 3, in the padding, so o = 2.
    @Test func aWindowStartingInThePaddingIsDropped() throws {
        let trace = try Pool2D(op: .max, size: Pair2(2), stride: Pair2(2), padding: Pair2(1), ceilMode: true)
            .forward(Tensor(shape: [3, 3], scalars: (1...9).map(Double.init)))
        #expect(trace.output.shape == [2, 2])
        #expect(trace.output.scalars == [1, 3, 7, 9])
        #expect(Pool2D.filledIn(trace.outputSizes[0], ceilMode: true)
                == "o = ⌈(3 + 2×1 − 2)/2⌉ + 1 = ⌈3/2⌉ + 1 = 3; the last window would start at (3 − 1)×2 = 4 ≥ n + p = 4, so o = 2")
    }

    /// An average counting padding divides by the window's cells within the padded input, not its overhang.
    @Test func anAverageCountsPaddingButNotTheOverhang() throws {
        func run(_ n: Int, k: Int, s: Int, p: Int) throws -> PoolingTrace {
            try Pool2D(op: .avg, size: Pair2(k), stride: Pair2(s), padding: Pair2(p), ceilMode: true)
                .forward(Tensor(shape: [n, n], repeating: 1))
        }
        // n = 4, k = 3, s = 2, p = 1: o = ⌈3/2⌉ + 1 = 3; the last window, rows 3–5 (0-based), holds input row 3,
        // padding row 4 and row 5 past the padding: it divides by 2×2 = 4 and sums 1.
        let small = try run(4, k: 3, s: 2, p: 1)
        #expect(small.output.shape == [3, 3])
        #expect(small.step(row: 2, column: 2).count == 4)
        #expect(small.output[2, 2] == 0.25)
        #expect(small.extraPadding == Pair2(1))
        // n = 5: the last window, rows 3–5, lies within [−1, 6): all 9 cells count, 4 are input cells.
        let wide = try run(5, k: 3, s: 2, p: 1)
        #expect(wide.output.shape == [3, 3])
        #expect(wide.step(row: 2, column: 2).count == 9)
        #expect(wide.output[2, 2] == 4.0 / 9.0)
        #expect(wide.extraPadding == nil)
        // n = 6, k = 4, s = 3, p = 1: the last window, rows 5–8, reaches 2 past the padding; 2×2 cells count.
        let far = try run(6, k: 4, s: 3, p: 1)
        #expect(far.output.shape == [3, 3])
        #expect(far.step(row: 2, column: 2).count == 4)
        #expect(far.output[2, 2] == 0.25)
        #expect(far.extraPadding == Pair2(2))
    }
}
