import Foundation
import LessonCore
import LessonTestSupport
import Testing
@testable import LessonLibrary

/// conv2d-backward with `--padding same` (Keras and TensorFlow's, uneven for an even kernel):
/// the forward output equals padding by hand then a valid convolution, the gradients equal
/// the same sums written out on the padded input and match finite differences of the lesson's
/// own forward pass, and the text prints the padding rule as conv2d does.
@Suite struct Conv2DBackwardSamePaddingTests {
    typealias Reference = SamePaddingReference

    /// A random "same" example: input, kernel (odd or even), stride, dilation, mode, bias and upstream gradient.
    func example(seed: UInt64) throws -> Conv2DBackwardLesson.Example {
        var random = SplitMix64(seed: seed)
        var forward = Conv2DLesson.Example(input: Reference.matrix(random.int(2...6), random.int(2...6), &random),
                                           kernel: Reference.matrix(random.int(1...4), random.int(1...4), &random))
        forward.stride = Pair2(rows: random.int(1...2), columns: random.int(1...2))
        forward.dilation = Pair2(rows: random.int(1...2), columns: random.int(1...2))
        forward.mode = random.int(0...1) == 0 ? .crossCorrelation : .convolution
        forward.bias = Double(random.int(-3...3))
        forward.padSame()
        let output = try forward.operation.forward(forward.input).output
        return Conv2DBackwardLesson.Example(forward: forward, upstream: Reference.matrix(output.shape[0], output.shape[1], &random))
    }

    func trace(_ example: Conv2DBackwardLesson.Example) throws -> (LessonOutput, ConvolutionBackwardTrace) {
        let output = try Conv2DBackwardLesson.run(example, heading: LessonHeading(title: "T", variant: "custom"))
        return (output, try #require(output.payload as? Conv2DBackwardLesson.Payload).trace)
    }

    /// Property: z, ∂L/∂b, ∂L/∂w and ∂L/∂x equal the sums over the input padded by hand with
    /// TensorFlow's zeros (exact: small integers). ∂L/∂w[u,v] = Σ g[i,j]·xp[i·s + u·d, j·s + v·d]
    /// for the kernel as laid on the windows; ∂L/∂x is the same scatter, cropped to the input.
    @Test(arguments: Seeds.range(1...50))
    func gradientsEqualThePaddedByHandSums(seed: UInt64) throws {
        let example = try example(seed: seed)
        let (_, trace) = try trace(example)
        let f = example.forward, x = Reference.rows(f.input)
        let label = "seed \(seed): \(Notation.shape(f.input.shape)) input, \(Notation.shape(f.kernel.shape)) kernel, stride \(f.stride), dilation \(f.dilation), \(f.mode.rawValue)"
        let rows = Reference.sides(n: x.count, k: f.kernel.shape[0], s: f.stride.rows, d: f.dilation.rows)
        let columns = Reference.sides(n: x[0].count, k: f.kernel.shape[1], s: f.stride.columns, d: f.dilation.columns)
        let xp = Reference.padded(x, top: rows.before, bottom: rows.after, left: columns.before, right: columns.after)
        // The kernel laid on the windows: as printed, or rotated by 180° for a true convolution.
        var laid = Reference.rows(f.kernel)
        if f.mode == .convolution { laid = laid.reversed().map { $0.reversed() } }
        let z = Reference.valid(xp, laid, stride: f.stride, dilation: f.dilation, bias: f.bias)
        #expect(Reference.rows(trace.forward.output) == z, "\(label): forward")
        let g = Reference.rows(trace.upstream)
        #expect(trace.gradBias == g.joined().reduce(0, +), "\(label): ∂L/∂b")
        var gradLaid = laid.map { $0.map { _ in 0.0 } }
        var gradPadded = xp.map { $0.map { _ in 0.0 } }
        for i in 0..<g.count {
            for j in 0..<g[0].count {
                for u in 0..<laid.count {
                    for v in 0..<laid[0].count {
                        let (r, c) = (i * f.stride.rows + u * f.dilation.rows, j * f.stride.columns + v * f.dilation.columns)
                        gradLaid[u][v] += g[i][j] * xp[r][c]
                        gradPadded[r][c] += g[i][j] * laid[u][v]
                    }
                }
            }
        }
        let gradKernel = f.mode == .convolution ? gradLaid.reversed().map { Array($0.reversed()) } : gradLaid
        #expect(Reference.rows(trace.gradKernel) == gradKernel, "\(label): ∂L/∂w")
        let gradInput = gradPadded[rows.before..<(rows.before + x.count)].map { Array($0[columns.before..<(columns.before + x[0].count)]) }
        #expect(Reference.rows(trace.gradInput) == gradInput, "\(label): ∂L/∂x")
    }

    /// Property: the gradients match central differences of L = Σ g ⊙ z(x, w, b) computed with
    /// the lesson's own forward pass. L is linear in each of x, w and b, so a central difference
    /// is exact up to rounding; 1e-9 leaves room for that rounding on sums of a few hundred.
    @Test(arguments: Seeds.range(101...130))
    func gradientsMatchFiniteDifferences(seed: UInt64) throws {
        let example = try example(seed: seed)
        let (_, trace) = try trace(example)
        let g = trace.upstream, h = 0.5
        func loss(_ change: (inout Conv2DLesson.Example) -> Void) throws -> Double {
            var f = example.forward
            change(&f)
            let z = try f.operation.forward(f.input).output
            return zip(z.scalars, g.scalars).map { $0 * $1 }.reduce(0, +)
        }
        func difference(_ change: @escaping (inout Conv2DLesson.Example, Double) -> Void) throws -> Double {
            (try loss { change(&$0, h) } - loss { change(&$0, -h) }) / (2 * h)
        }
        let f = example.forward
        let bias = try difference { $0.bias += $1 }
        #expect(abs(bias - trace.gradBias) < 1e-9, "seed \(seed): ∂L/∂b")
        for r in 0..<f.kernel.shape[0] {
            for c in 0..<f.kernel.shape[1] {
                let numeric = try difference { $0.kernel[r, c] += $1 }
                #expect(abs(numeric - trace.gradKernel[r, c]) < 1e-9, "seed \(seed): ∂L/∂w[\(r + 1),\(c + 1)]")
            }
        }
        for r in 0..<f.input.shape[0] {
            for c in 0..<f.input.shape[1] {
                let numeric = try difference { $0.input[r, c] += $1 }
                #expect(abs(numeric - trace.gradInput[r, c]) < 1e-9, "seed \(seed): ∂L/∂x[\(r + 1),\(c + 1)]")
            }
        }
    }

    /// The text prints SamePadding's rule right under the forward line, once, and says the
    /// gradient of the input crops the padding even when none is on top or on the left.
    @Test func textPrintsTheRuleAndTheCrop() throws {
        var forward = Conv2DLesson.Example(input: Tensor(shape: [3, 3], scalars: (1...9).map(Double.init)),
                                           kernel: Tensor(shape: [2, 2], scalars: [1, 0, 0, -1]))
        forward.padSame()
        let (output, _) = try trace(Conv2DBackwardLesson.Example(forward: forward, upstream: nil))
        let lines = output.text.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex { $0.hasPrefix("Forward: ") })
        #expect(lines[start].hasSuffix("padding top 0, bottom 1, left 0, right 1, stride 1, dilation 1, bias 0."))
        #expect(Array(lines[(start + 1)...(start + 3)]) == SamePadding.lines(try #require(forward.samePadding)))
        #expect(lines[start + 1] == "Padding \"same\" as Keras and TensorFlow: output ⌈n/s⌉, total = max((⌈n/s⌉ − 1)·s + d(k − 1) + 1 − n, 0), ⌊total/2⌋ before the input and the rest after")
        #expect(lines.contains("the full convolution of the upstream gradient with the kernel rotated by 180° (the transposed convolution), padding cropped."))
        #expect(lines.filter { $0.hasPrefix("Padding \"same\"") }.count == 1)
    }
}
