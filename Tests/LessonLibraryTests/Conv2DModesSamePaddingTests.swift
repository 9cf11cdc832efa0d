import Foundation
import LessonCore
import LessonFigures
import LessonTestSupport
import Testing
@testable import LessonLibrary

/// conv2d-modes pads "same" as Keras and TensorFlow do, even kernels included: the numbers
/// match padding by hand then a valid convolution, the text prints the rule, and every figure
/// draws the zeros only on the sides TensorFlow pads (bottom and right for the odd one).
@Suite struct Conv2DModesSamePaddingTests {
    typealias Reference = SamePaddingReference

    func run(_ example: Conv2DModesLesson.Example) throws -> (output: LessonOutput, runs: [Conv2DModesLesson.Run]) {
        let output = try Conv2DModesLesson.run(example, heading: LessonHeading(title: "T", variant: "custom"))
        return (output, try #require(output.payload as? Conv2DModesLesson.Payload).runs)
    }

    /// Property: on seeded random inputs, kernels (odd and even), strides and dilations, the
    /// "same" run's padding is TensorFlow's on each side, its output has ⌈n/s⌉ cells per axis,
    /// and every cell equals the padded-by-hand valid cross-correlation (exact: small integers).
    @Test(arguments: Seeds.range(1...60))
    func sameEqualsPaddingByHandThenValid(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let input = Reference.matrix(random.int(1...7), random.int(1...7), &random)
        let kernel = Reference.matrix(random.int(1...4), random.int(1...4), &random)
        var example = Conv2DModesLesson.Example(input: input, kernel: kernel)
        example.paddings = [.same]
        example.stride = Pair2(rows: random.int(1...3), columns: random.int(1...3))
        example.dilation = Pair2(rows: random.int(1...2), columns: random.int(1...2))
        example.bias = Double(random.int(-3...3))
        let trace = try #require(try run(example).runs.first).trace
        let rows = Reference.sides(n: input.shape[0], k: kernel.shape[0], s: example.stride.rows, d: example.dilation.rows)
        let columns = Reference.sides(n: input.shape[1], k: kernel.shape[1], s: example.stride.columns, d: example.dilation.columns)
        let label = "seed \(seed): \(Notation.shape(input.shape)) input, \(Notation.shape(kernel.shape)) kernel, stride \(example.stride), dilation \(example.dilation)"
        #expect(trace.padding == Pair2(rows: rows.before, columns: columns.before), "\(label)")
        let extra = Pair2(rows: rows.after - rows.before, columns: columns.after - columns.before)
        #expect((trace.extraPadding ?? Pair2(0)) == extra, "\(label)")
        let padded = Reference.padded(Reference.rows(input), top: rows.before, bottom: rows.after, left: columns.before, right: columns.after)
        #expect(Reference.rows(trace.paddedInput) == padded, "\(label): the padded input")
        let expected = Reference.valid(padded, Reference.rows(kernel), stride: example.stride, dilation: example.dilation, bias: example.bias)
        #expect(trace.output.shape == [(input.shape[0] + example.stride.rows - 1) / example.stride.rows,
                                       (input.shape[1] + example.stride.columns - 1) / example.stride.columns], "\(label)")
        #expect(Reference.rows(trace.output) == expected, "\(label)")
    }

    /// The text of an even kernel: the padding on each side, and the rule filled in as conv2d prints it.
    @Test func evenKernelTextPrintsTheRule() throws {
        var example = Conv2DModesLesson.Example(input: Tensor(shape: [3, 4], scalars: (1...12).map(Double.init)),
                                                kernel: Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
        example.paddings = [.valid, .same]
        let (output, runs) = try run(example)
        let lines = output.text.components(separatedBy: "\n")
        #expect(lines.contains("  here p = top 0, bottom 1, left 0, right 1 (kernel 2×2)"))
        let rule = try #require(runs[1].trace.extraPadding.map { _ in
            SamePadding.rowsAndColumns(input: [3, 4], kernel: [2, 2], stride: Pair2(1), dilation: Pair2(1))
        })
        let start = try #require(lines.firstIndex(of: SamePadding.lines(rule)[0]))
        #expect(Array(lines[start..<(start + 3)]) == [
            "Padding \"same\" as Keras and TensorFlow: output ⌈n/s⌉, total = max((⌈n/s⌉ − 1)·s + d(k − 1) + 1 − n, 0), ⌊total/2⌋ before the input and the rest after",
            "  rows: total = max((⌈3/1⌉ − 1)×1 + 1×(2 − 1) + 1 − 3, 0) = 1: 0 on top, 1 at the bottom",
            "  columns: total = max((⌈4/1⌉ − 1)×1 + 1×(2 − 1) + 1 − 4, 0) = 1: 0 on the left, 1 on the right",
        ])
        #expect(lines.filter { $0.hasPrefix("Padding \"same\"") }.count == 1, "only the same run prints the rule")
    }

    /// The comparison figure draws a zero in exactly the cells TensorFlow pads: for a 2×3 kernel
    /// on a 3×4 input, rows pad 0 on top and 1 at the bottom, columns 1 on each side, so no zero
    /// sits above the input; and the "same" frame's top edge runs along the input's first row.
    @Test func comparisonDrawsZerosOnlyWhereTensorFlowPads() throws {
        var example = Conv2DModesLesson.Example(input: Tensor(shape: [3, 4], scalars: (1...12).map(Double.init)),
                                                kernel: Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]))
        example.paddings = [.valid, .same]
        let (output, runs) = try run(example)
        let layout = Conv2DModesFigures.layout(for: runs.map(\.trace))
        #expect(layout.before == Pair2(rows: 0, columns: 1) && layout.after == Pair2(rows: 1, columns: 1))
        #expect(layout.input.rows == 4 && layout.input.columns == 6)
        let figure = try #require(output.figures.first { $0.name == "comparison" })
        let texts = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).drawnText
        // Every drawn number inside the input grid, by cell.
        var drawn: [[Int]: String] = [:]
        let grid = layout.input
        for text in texts where text.x >= grid.x && text.x < grid.x + grid.width && text.y >= grid.y && text.y < grid.y + grid.height {
            let centre = text.x + text.width / 2
            drawn[[Int((text.y - grid.y) / grid.cellSize), Int((centre - grid.x) / grid.cellSize)]] = text.text
        }
        let rows = Reference.sides(n: 3, k: 2, s: 1, d: 1), columns = Reference.sides(n: 4, k: 3, s: 1, d: 1)
        for r in 0..<grid.rows {
            for c in 0..<grid.columns {
                let (ir, ic) = (r - rows.before, c - columns.before)
                let text = drawn[[r, c]]
                if (0..<3).contains(ir), (0..<4).contains(ic) {
                    #expect(text == Notation.number(Double(ir * 4 + ic + 1)), "cell \(r),\(c) is input x[\(ir + 1),\(ic + 1)]")
                } else {
                    #expect(text == "0", "cell \(r),\(c) is a zero TensorFlow adds")
                }
            }
        }
        #expect(drawn.count == 24)
        // The frame of "same" (purple, drawn 3 px inside) along the top of the input's first row, not above it.
        let surface = try FigureRenderer.surface(for: figure, options: RenderOptions())
        let (width, _, argb) = surface.pixels()
        let top = grid.cellRect(0, 2)
        func isPurple(_ x: Double, _ y: Double) -> Bool {
            let p = argb[Int(y) * width + Int(x)], purple = Palette.reddishPurple
            return abs(Double(p >> 16 & 0xFF) - purple.red * 255) < 16 && abs(Double(p >> 8 & 0xFF) - purple.green * 255) < 16
                && abs(Double(p & 0xFF) - purple.blue * 255) < 16
        }
        #expect(isPurple(top.x + top.width / 2, top.y + 3), "the same frame starts at the input's first row")
        let bottom = grid.cellRect(3, 2)
        #expect(isPurple(bottom.x + bottom.width / 2, bottom.y + bottom.height - 3), "and ends below the row of zeros at the bottom")
        #expect(texts.map(\.text).contains("same: p = top 0, bottom 1, left 1, right 1 → 3×4"))
        let caption = try FigureRenderer.surface(for: figure, options: RenderOptions(format: .svg)).captionLines
        #expect(caption.contains("same pads as TensorFlow, the odd zero at the bottom and right: top 0, bottom 1, left 1, right 1"), "\(caption)")
    }

    /// The step frames and overview of the uneven run show the padded input as the trace holds
    /// it (zeros only at the bottom and right) and say so in the title and the key.
    @Test func sameFramesSayTheUnevenPadding() throws {
        var example = Conv2DModesLesson.Example(input: Tensor(shape: [3, 3], scalars: (1...9).map(Double.init)),
                                                kernel: Tensor(shape: [2, 2], scalars: [1, 2, 3, 4]))
        example.paddings = [.same]
        let (output, _) = try run(example)
        let frame = try #require(output.figures.first { $0.name == "step-same-1" })
        let texts = try FigureRenderer.surface(for: frame, options: RenderOptions(format: .svg)).drawnText.map(\.text)
        #expect(texts.contains { $0.contains("padding top 0, bottom 1, left 0, right 1") }, "\(texts)")
        #expect(texts.contains("zero padding"))
        #expect(texts.contains("input (zero-padded)"))
        // The 4×4 padded input: the first row is 1 2 3 0, as TensorFlow pads.
        let grid = ConvolutionFigures.layout(for: try #require(output.payload as? Conv2DModesLesson.Payload).runs[0].trace, step: 0).input
        #expect(grid.rows == 4 && grid.columns == 4)
    }

    /// Settings a convolution refuses are refused with the setting's name, not by overflowing
    /// while the same padding is worked out.
    @Test func hugeStrideOrDilationIsAnError() throws {
        var example = Conv2DModesLesson.Example(input: Tensor(shape: [3, 3], repeating: 1), kernel: Tensor(shape: [2, 2], repeating: 1))
        example.paddings = [.same]
        example.dilation = Pair2(rows: Int.max, columns: 1)
        #expect(throws: InputError.self) { try run(example) }
        example.dilation = Pair2(1)
        example.stride = Pair2(rows: 1, columns: Int.max)
        #expect(throws: InputError.self) { try run(example) }
    }
}
