import LessonCore
import LessonTestSupport
import Testing

/// Keras's "same" padding in the matrix form of a convolution (`ConvolutionMatrix` with
/// `extraPadding`) and in the transposed convolution (`ConvTranspose2D.kerasSame`), each checked
/// against a reference written here from the definitions, on seeded random cases (whole numbers
/// from −5…5, so every sum is exact and the comparisons need no tolerance).
@Suite struct ConvSamePaddingMatrixTests {
    /// A random case: input, kernel, stride and dilation (kernels of 1…4, even ones included).
    struct Case {
        var input: Tensor
        var kernel: Tensor
        var stride: Pair2
        var dilation: Pair2

        init(seed: UInt64) {
            var g = SplitMix64(seed: seed)
            let n = [g.int(1...6), g.int(1...6)], k = [g.int(1...4), g.int(1...4)]
            input = Tensor(shape: n, scalars: g.values(n[0] * n[1]))
            kernel = Tensor(shape: k, scalars: g.values(k[0] * k[1]))
            stride = Pair2(rows: g.int(1...3), columns: g.int(1...3))
            dilation = Pair2(rows: g.int(1...2), columns: g.int(1...2))
        }
    }

    /// TensorFlow's SAME convolution from its definition: ⌈n/s⌉ outputs per axis, zeros
    /// ⌊total/2⌋ before, x read as 0 outside, total = max((⌈n/s⌉ − 1)s + d(k − 1) + 1 − n, 0).
    static func sameConvolution(_ x: Tensor, _ w: Tensor, stride s: Pair2, dilation d: Pair2) -> Tensor {
        func axis(_ n: Int, _ k: Int, _ s: Int, _ d: Int) -> (out: Int, before: Int) {
            let out = (n + s - 1) / s
            return (out, max((out - 1) * s + d * (k - 1) + 1 - n, 0) / 2)
        }
        let r = axis(x.shape[0], w.shape[0], s.rows, d.rows), c = axis(x.shape[1], w.shape[1], s.columns, d.columns)
        var z = Tensor(shape: [r.out, c.out])
        for i in 0..<r.out {
            for j in 0..<c.out {
                for u in 0..<w.shape[0] {
                    for v in 0..<w.shape[1] {
                        let a = i * s.rows + u * d.rows - r.before, b = j * s.columns + v * d.columns - c.before
                        if (0..<x.shape[0]).contains(a), (0..<x.shape[1]).contains(b) { z[i, j] += x[a, b] * w[u, v] }
                    }
                }
            }
        }
        return z
    }

    /// Keras's Conv2DTranspose(padding="same") by scatter: an n·s output per axis; y[i, j]·w[u, v]
    /// lands on (i·s + u·d − before, j·s + v·d − before) with the same `before` as the SAME
    /// convolution of an n·s input, and is dropped outside the output.
    static func sameTransposeByScatter(_ y: Tensor, _ w: Tensor, stride s: Pair2, dilation d: Pair2) -> Tensor {
        let o = [y.shape[0] * s.rows, y.shape[1] * s.columns]
        let before = [max(d.rows * (w.shape[0] - 1) + 1 - s.rows, 0) / 2, max(d.columns * (w.shape[1] - 1) + 1 - s.columns, 0) / 2]
        var out = Tensor(shape: o)
        for i in 0..<y.shape[0] {
            for j in 0..<y.shape[1] {
                for u in 0..<w.shape[0] {
                    for v in 0..<w.shape[1] {
                        let a = i * s.rows + u * d.rows - before[0], b = j * s.columns + v * d.columns - before[1]
                        if (0..<o[0]).contains(a), (0..<o[1]).contains(b) { out[a, b] += y[i, j] * w[u, v] }
                    }
                }
            }
        }
        return out
    }

    static func inner(_ a: Tensor, _ b: Tensor) -> Double { zip(a.scalars, b.scalars).reduce(0) { $0 + $1.0 * $1.1 } }

    /// Property: M built with Keras's "same" (padding on top/left, `extraPadding` at the
    /// bottom/right) times the flattened input is the SAME convolution, of shape ⌈n/s⌉.
    @Test(arguments: Seeds.range(1...200))
    func matrixWithSamePaddingIsTheSameConvolution(seed: UInt64) throws {
        let c = Case(seed: seed)
        let rule = SamePadding.rowsAndColumns(input: c.input.shape, kernel: c.kernel.shape, stride: c.stride, dilation: c.dilation)
        let (padding, extra) = SamePadding.pads(rule)
        let m = try ConvolutionMatrix(kernel: c.kernel, inputShape: c.input.shape, padding: padding, stride: c.stride,
                                      dilation: c.dilation, extraPadding: extra)
        let expected = Self.sameConvolution(c.input, c.kernel, stride: c.stride, dilation: c.dilation)
        let trace = try m.multiply(c.input)
        #expect(trace.output == expected, "seed \(seed): n \(c.input.shape) k \(c.kernel.shape) s \(c.stride) d \(c.dilation)")
        #expect(m.outputShape == [rule[0].output, rule[1].output], "seed \(seed)")
        #expect(m.extraPadding == (extra == Pair2(0) ? nil : extra), "seed \(seed)")
    }

    /// Properties of `kerasSame`: the output is n·s; it equals the scatter reference; and it is
    /// the adjoint of the SAME convolution of an n·s input: ⟨conv(x), y⟩ = ⟨x, convᵀ(y)⟩.
    @Test(arguments: Seeds.range(1...200))
    func kerasSameTransposeIsTheAdjointOfTheSameConvolution(seed: UInt64) throws {
        let c = Case(seed: seed)
        let y = c.input
        let (operation, rule) = ConvTranspose2D.kerasSame(kernel: c.kernel, inputShape: y.shape, stride: c.stride, dilation: c.dilation)
        let trace = try operation.forward(y)
        let label = "seed \(seed): n \(y.shape) k \(c.kernel.shape) s \(c.stride) d \(c.dilation)"
        #expect(trace.output.shape == [y.shape[0] * c.stride.rows, y.shape[1] * c.stride.columns], "\(label)")
        #expect(trace.output == Self.sameTransposeByScatter(y, c.kernel, stride: c.stride, dilation: c.dilation), "\(label)")
        #expect(rule.map(\.input) == trace.output.shape, "\(label): the rule is that of the n·s input")
        var g = SplitMix64(seed: seed &+ 1000)
        let x = Tensor(shape: trace.output.shape, scalars: g.values(trace.output.count))
        let conv = Self.sameConvolution(x, c.kernel, stride: c.stride, dilation: c.dilation)
        #expect(conv.shape == y.shape, "\(label)")
        #expect(Self.inner(conv, y) == Self.inner(x, trace.output), "\(label)")
        // Cᵀ is the transpose of the SAME convolution's matrix on the output's shape.
        let (padding, extra) = SamePadding.pads(rule)
        let m = try ConvolutionMatrix(kernel: c.kernel, inputShape: trace.output.shape, padding: padding, stride: c.stride,
                                      dilation: c.dilation, extraPadding: extra)
        #expect(trace.isTranspose(of: m), "\(label)")
    }

    /// The cases the text and figures show: stride 2 with the notes' 3×3 kernel crops 0 at the
    /// start and 1 at the end; a 2×2 kernel at stride 3 stops short and pads 1 zero at the end.
    @Test func kerasSameSplitsAsTensorFlow() throws {
        let kernel = Tensor(rows: [[1, 4, 1], [1, 4, 3], [3, 3, 1]])
        let (odd, _) = ConvTranspose2D.kerasSame(kernel: kernel, inputShape: [2, 2], stride: Pair2(2))
        #expect((odd.padding, odd.extraCrop, odd.outputPadding) == (Pair2(0), Pair2(1), Pair2(0)))
        let trace = try odd.forward(Tensor(rows: [[1, 2], [3, 4]]))
        #expect(trace.output == Tensor(rows: [[1, 4, 3, 8], [1, 4, 5, 8], [6, 15, 14, 22], [3, 12, 13, 16]]))
        #expect(trace.outputSizes[0].filledIn == "o = (2 − 1)×2 − (0 + 1) + 1×(3 − 1) + 0 + 1 = 4")
        let (short, _) = ConvTranspose2D.kerasSame(kernel: Tensor(rows: [[1, 2], [3, 4]]), inputShape: [1, 2], stride: Pair2(3))
        #expect((short.padding, short.extraCrop, short.outputPadding) == (Pair2(0), Pair2(0), Pair2(1)))
        #expect(try short.forward(Tensor(rows: [[1, 10]])).output
                == Tensor(rows: [[1, 2, 0, 10, 20, 0], [3, 4, 0, 30, 40, 0], [0, 0, 0, 0, 0, 0]]))
    }
}
