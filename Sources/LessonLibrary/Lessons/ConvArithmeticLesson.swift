import Foundation
import LessonCore
import LessonFigures

/// `lesson run conv-arithmetic`: the output size of a convolution with every step of the
/// formula, the "same" padding, the cells a stride never reads, and the transposed size.
///
/// Lesson file keys: `n`, `k`, `p`, `s`, `d`, `output_padding` (each a whole number or
/// `[rows, columns]`) and `expected` with `output`, the output shape as `[rows, columns]`.
public enum ConvArithmeticLesson: Lesson {
    public static let id = "conv-arithmetic"

    /// The parameters of one run.
    public struct Example: Equatable, LessonExample {
        public var input: Pair2
        public var kernel: Pair2
        public var padding = Pair2(0)
        public var stride = Pair2(1)
        public var dilation = Pair2(1)
        public var outputPadding = Pair2(0)
        /// The output shape the lesson file states, if any.
        public var statedShape: [Int]?

        /// Parameters with the defaults: no padding, stride and dilation 1.
        public init(input: Pair2, kernel: Pair2) {
            self.input = input
            self.kernel = kernel
        }

        /// Reads a variant of a lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["n", "k", "p", "s", "d", "output_padding"])
            input = try variant.require("n", expected: "the input size, such as 7 or [7, 5]").pair()
            kernel = try variant.require("k", expected: "the kernel size, such as 3 or [3, 2]").pair()
            (padding, stride, dilation) = try variant.windowSettings(padding: "p", stride: "s", dilation: "d")
            outputPadding = try variant["output_padding"]?.pair(in: 0...OutputSize.largestSetting) ?? Pair2(0)
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["output"])
                if let output = expected["output"] {
                    let pair = try output.pair()
                    statedShape = [pair.rows, pair.columns]
                }
            }
        }
    }

    /// The JSON payload: the arithmetic of both axes and the output shape.
    public struct Payload: Sendable, Codable {
        public var arithmetic: ConvolutionArithmetic
        public var outputShape: [Int]
    }

    /// The largest padded input, along each axis, the lesson lays out cell by cell.
    public static let largestPaddedSize = 1000


    /// Runs `example` and builds the text, JSON payload, figures and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let arithmetic = try ConvolutionArithmetic(input: example.input, kernel: example.kernel, padding: example.padding,
                                                   stride: example.stride, dilation: example.dilation,
                                                   outputPadding: example.outputPadding)
        let padded = [example.input.rows + 2 * example.padding.rows, example.input.columns + 2 * example.padding.columns]
        guard padded.allSatisfy({ $0 <= largestPaddedSize }) else {
            throw InputError("the padded input is \(padded[0])×\(padded[1]); the lesson draws every cell and position, so at most \(largestPaddedSize) along each axis")
        }
        var mismatches: [Mismatch] = []
        if let stated = example.statedShape, stated != arithmetic.outputShape {
            mismatches.append(Mismatch(subject: "output shape", stated: Notation.shape(stated),
                                       recomputed: Notation.shape(arithmetic.outputShape)))
        }
        var lines = heading.lines
        lines.append("Conventions: PyTorch Conv2d / ConvTranspose2d and Keras Conv2D; positions are 1-based in the padded input.")
        lines.append("")
        lines.append("Output size per axis: \(OutputSize.formula)")
        let axes = arithmetic.isSquare ? [(name: "rows and columns", axis: arithmetic.axes[0])]
            : [(name: "rows", axis: arithmetic.axes[0]), (name: "columns", axis: arithmetic.axes[1])]
        for (name, axis) in axes {
            lines.append("")
            lines += describe(axis, name: name)
        }
        lines.append("")
        lines.append("Output shape: \(Notation.shape(arithmetic.outputShape)) (\(arithmetic.positions.count) window \(Counted.noun(arithmetic.positions.count, "position")), one frame each)")
        if let stated = example.statedShape {
            lines.append("")
            lines.append(mismatches.isEmpty ? "Checked against the lesson file: the stated output shape \(Notation.shape(stated)) agrees."
                         : "1 mismatch between the lesson file and the recomputation:\n  " + mismatches[0].description)
        }
        let figures = ConvArithmeticFigures.frames(arithmetic) + [ConvArithmeticFigures.overview(arithmetic)]
        return LessonOutput(lesson: id, variant: heading.variant, text: lines.joined(separator: "\n"),
                            payload: Payload(arithmetic: arithmetic, outputShape: arithmetic.outputShape),
                            figures: figures, mismatches: mismatches)
    }

    /// Every step of one axis.
    static func describe(_ axis: ConvolutionAxisArithmetic, name: String) -> [String] {
        let size = axis.size
        let n = size.input, k = size.kernel, p = size.padding, s = size.stride, d = size.dilation
        let kEff = size.effectiveKernel
        var lines = ["\(name): n = \(n), k = \(k), p = \(p), s = \(s), d = \(d)"]
        let taps = (0..<k).map { String($0 * d + 1) }.joined(separator: ", ")
        lines.append("  1. effective kernel  k' = \(axis.effectiveKernelText) (taps at \(taps) of each window)")
        lines.append("  2. padded input      n + 2p = \(n) + 2×\(p) = \(size.paddedInput)")
        lines.append("  3. room to slide     n + 2p − k' = \(size.paddedInput) − \(kEff) = \(size.numerator)")
        let q = size.numerator / s, r = size.numerator % s
        let floor = r == 0 ? "\(size.numerator)/\(s) = \(q) exactly, ⌊\(size.numerator)/\(s)⌋ = \(q)"
            : "\(size.numerator)/\(s) = \(q) remainder \(r), ⌊\(size.numerator)/\(s)⌋ = \(q)"
        lines.append("  4. floor             \(floor)")
        lines.append("  5. output            o = \(q) + 1 = \(size.output)")
        lines.append("     in one line:      " + size.filledIn)
        let starts = axis.windowStarts.map { String($0 + 1) }
        lines.append("  windows start at padded \(name == "rows and columns" ? "positions" : name) \(starts.joined(separator: ", ")) (every \(s))")
        if axis.droppedByFloor == 0 {
            lines.append("  the stride divides n + 2p − k' = \(size.numerator) evenly: the last window ends on the last padded cell")
        } else {
            let last = size.paddedInput - axis.droppedByFloor + 1
            let cells = (last...size.paddedInput).map { describeCell($0 - 1, padding: p, n: n) }
            lines.append("  the stride does not divide \(size.numerator) evenly: the remainder \(axis.droppedByFloor) \(Counted.noun(axis.droppedByFloor, "cell")) at the end, \(cells.joined(separator: ", ")), \(axis.droppedByFloor == 1 ? "is" : "are") never reached")
        }
        if axis.unreadCells.isEmpty {
            lines.append("  every padded cell is read by at least one window")
        } else {
            let input = axis.unreadCells.filter { $0.inputIndex != nil }
            let listed = axis.unreadCells.map { describeCell($0.paddedIndex, padding: p, n: n) }.joined(separator: ", ")
            lines.append("  never read by any window: \(listed)" + (input.isEmpty ? ", padding only: no input is lost" : " — \(input.count) of them input, lost to this layer"))
        }
        let total = d * (k - 1)
        if total % 2 == 0 {
            lines.append("  \"same\" at stride 1: p = d(k − 1)/2 = \(d)×(\(k) − 1)/2 = \(total / 2) on each side keeps o = n = \(n)")
        } else {
            lines.append("  \"same\" at stride 1: d(k − 1) = \(d)×(\(k) − 1) = \(total) zeros in all, odd, so it cannot be symmetric: \(axis.samePaddingBefore) before and \(axis.samePaddingAfter) after (PyTorch's and Keras's padding=\"same\" put the extra zero at the end)")
        }
        if s > 1 {
            let ks = axis.keras
            lines.append("  Keras padding=\"same\" at stride \(s): o = ⌈n/s⌉ = ⌈\(n)/\(s)⌉ = \(ks.output), zeros max((o − 1)s + k' − n, 0) = max(\(ks.output - 1)×\(s) + \(kEff) − \(n), 0) = \(ks.totalPadding): \(ks.before) before, \(ks.after) after (PyTorch's padding=\"same\" needs stride 1)")
        }
        lines.append("  transposed convolution with the same k, s, p, d: \(TransposedOutputSize.formula)")
        let t = axis.transposed
        lines.append("    on an input of n = \(n): " + (t.output >= 1 ? t.filledIn : t.filledIn + ", below 1: the padding crops everything"))
        let back = axis.roundTrip
        lines.append("    on this output, o = \(size.output), with output_padding = the remainder \(axis.droppedByFloor): \(back.filledIn)" + (back.output == n ? " = n, the input size again" : ""))
        return lines
    }

    /// `padded 9 (padding)` or `padded 8 (input 7)`, 1-based.
    private static func describeCell(_ paddedIndex: Int, padding: Int, n: Int) -> String {
        let inputIndex = paddedIndex - padding
        return (0..<n).contains(inputIndex) ? "\(paddedIndex + 1) (input \(inputIndex + 1))" : "\(paddedIndex + 1) (padding)"
    }
}
