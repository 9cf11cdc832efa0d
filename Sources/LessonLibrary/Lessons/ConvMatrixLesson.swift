import Foundation
import LessonCore
import LessonFigures

/// `lesson run conv-matrix`: a convolution written as one matrix product z = M·x.
///
/// Lesson file keys: `input`, `kernel` (matrices), `padding`, `stride`, `dilation` (a number or
/// `[rows, columns]`), and `expected` with an `output` matrix and `rows`, rows of M as the
/// notes print them (`"1": "1 4 1 0 …"`, 1-based); `symbolic: true` draws every frame with the
/// symbols k1…, x1…, z1… in M, x and z instead of numbers.
public enum ConvMatrixLesson: Lesson {
    public static let id = "conv-matrix"

    /// The most rows of M the lesson writes out (one frame and one line each).
    public static let maximumRows = 256

    /// The parameters of one run.
    public struct Example: Equatable, LessonExample, SamePaddedExample {
        public var input: Tensor
        public var kernel: Tensor
        public var padding = Pair2(0)
        public var stride = Pair2(1)
        public var dilation = Pair2(1)
        /// The zeros at the bottom and right beyond `padding` (Keras's "same" for an even kernel).
        public var extraPadding = Pair2(0)
        /// How `--padding same` chose the padding, rows then columns; nil for a padding given as numbers.
        public var samePadding: [SamePadding]?
        /// The output the lesson file states, if any.
        public var statedOutput: Tensor?
        /// Rows of M the lesson file states, by 0-based row.
        public var statedRows: [(row: Int, values: [Double])] = []
        /// Whether the frames show symbols (k1…, x1…) instead of numbers.
        public var symbolic = false

        public init(input: Tensor, kernel: Tensor) {
            self.input = input
            self.kernel = kernel
        }

        /// Reads a variant of a lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["input", "kernel", "padding", "stride", "dilation", "symbolic"])
            input = try variant.require("input", expected: "the input matrix, such as \"4 5 8 7; 1 8 8 8; 3 6 6 4; 6 5 7 8\"").matrix()
            kernel = try variant.require("kernel", expected: "the kernel matrix, such as \"1 4 1; 1 4 3; 3 3 1\"").matrix()
            (padding, stride, dilation) = try variant.windowSettings()
            symbolic = try variant["symbolic"]?.bool() ?? false
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["output", "rows"])
                statedOutput = try expected["output"]?.matrix()
                for (key, value) in try expected["rows"]?.entries() ?? [] {
                    guard let row = Int(key), row >= 1 else {
                        throw value.error("'\(key)' is not a row of M; write the row number, 1-based, such as \"1\"")
                    }
                    statedRows.append((row - 1, try value.matrix().scalars))
                }
            }
        }

        public static func == (a: Example, b: Example) -> Bool {
            a.input == b.input && a.kernel == b.kernel && a.padding == b.padding && a.stride == b.stride
                && a.dilation == b.dilation && a.extraPadding == b.extraPadding && a.samePadding == b.samePadding && a.statedOutput == b.statedOutput && a.symbolic == b.symbolic
                && a.statedRows.map(\.row) == b.statedRows.map(\.row) && a.statedRows.map(\.values) == b.statedRows.map(\.values)
        }
    }


    /// Builds M, multiplies, checks the stated values and writes the trace.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let matrix = try ConvolutionMatrix(kernel: example.kernel, inputShape: example.input.shape, padding: example.padding,
                                           stride: example.stride, dilation: example.dilation, extraPadding: example.extraPadding)
        guard matrix.rows.count <= maximumRows else {
            throw InputError("this convolution has \(Notation.shape(matrix.outputShape)) = \(matrix.rows.count) output cells, so M would have \(matrix.rows.count) rows; the lesson writes out at most \(maximumRows), so use a smaller input or less padding")
        }
        let trace = try matrix.multiply(example.input)
        let mismatches = check(trace, example)
        let text = describe(trace, heading: heading,
                            example: example, mismatches: mismatches)
        return LessonOutput(lesson: id, variant: heading.variant, text: text, payload: trace,
                            figures: ConvolutionMatrixFigures.figures(trace, symbolic: example.symbolic), mismatches: mismatches)
    }

    static func check(_ trace: ConvolutionMatrixTrace, _ example: Example) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        if let stated = example.statedOutput {
            mismatches += compareMatrices(stated: stated, recomputed: trace.output)
        }
        let m = trace.matrix.matrix
        for (row, values) in example.statedRows {
            guard row < m.shape[0] else {
                mismatches.append(Mismatch(subject: "row \(row + 1) of M", stated: "a row", recomputed: "M has \(m.shape[0]) rows"))
                continue
            }
            let actual = m.rowArrays[row]
            guard actual.count == values.count else {
                mismatches.append(Mismatch(subject: "row \(row + 1) of M", stated: "\(values.count) entries",
                                           recomputed: "\(actual.count) entries"))
                continue
            }
            for (c, (s, a)) in zip(values, actual).enumerated() where !agree(s, a) {
                mismatches.append(Mismatch(subject: "M\(Notation.index(row, c))", stated: Notation.number(s),
                                           recomputed: Notation.number(a)))
            }
        }
        return mismatches
    }

    /// The symbolic entries of one row of M: `k1 k2 0 k3 k4 0 0 0 0`.
    static func symbolicRow(_ row: ConvolutionMatrixRow, columns: Int, kernelColumns: Int) -> [String] {
        var cells = Array(repeating: "0", count: columns)
        for entry in row.entries {
            cells[entry.column] = ConvolutionMatrixFigures.kernelName(entry.kernelRow, entry.kernelColumn, kernelColumns: kernelColumns)
        }
        return cells
    }

    static func describe(_ trace: ConvolutionMatrixTrace, heading: LessonHeading, example: Example, mismatches: [Mismatch]) -> String {
        let m = trace.matrix
        let shape = m.matrix.shape
        let kColumns = m.kernel.shape[1]
        var lines: [String] = []
        lines += heading.lines
        lines.append("Operation: cross-correlation (the kernel as printed, no flip), written as z = M·x.")
        lines.append("")
        lines += LessonText.matrix("input", trace.input)
        lines += LessonText.matrix("kernel", m.kernel)
        lines.append("padding \(m.paddingText), stride \(m.stride), dilation \(m.dilation)")
        lines.append("")
        if let rule = example.samePadding { lines += SamePadding.lines(rule) }
        lines += LessonText.outputSize(OutputSize.formula, rows: m.outputSizes[0].filledIn, columns: m.outputSizes[1].filledIn)
        lines.append("So M has \(Notation.shape(trace.output.shape)) = \(shape[0]) rows (one per output cell) and \(Notation.shape(trace.input.shape)) = \(shape[1]) columns (one per input cell).")
        lines.append("")
        lines.append("x, the input flattened row by row (\(shape[1]) values):")
        lines.append("  " + (0..<shape[1]).map { "x\($0 + 1) = \(Notation.number(trace.flattenedInput[$0]))" }.joined(separator: ", "))
        lines.append("")
        lines.append("M, built from the kernel: row i puts each weight in the column of the input cell it lands on, 0 elsewhere.")
        let numberWidth = m.matrix.scalars.map { Notation.number($0).count }.max() ?? 1
        for (r, row) in m.rows.enumerated() {
            let first = row.entries.first, last = row.entries.last
            var window = "z\(Notation.index(row.outputRow, row.outputColumn))"
            if let first, let last {
                window += ", window rows \(first.inputRow + 1)–\(last.inputRow + 1)"
                let cols = row.entries.map(\.inputColumn)
                window += ", columns \((cols.min() ?? 0) + 1)–\((cols.max() ?? 0) + 1)"
            }
            if row.paddingTaps > 0 { window += "; \(row.paddingTaps) \(Counted.noun(row.paddingTaps, "weight")) on padding, left out" }
            lines.append("  row \(r + 1) (\(window)):")
            if shape[1] <= 64 {
                lines.append("    " + m.matrix.rowArrays[r].map { let t = Notation.number($0); return String(repeating: " ", count: numberWidth - t.count) + t }.joined(separator: " "))
            } else {
                lines.append("    non-zero: " + row.entries.map { "column \($0.column + 1) = \(Notation.number($0.weight))" }.joined(separator: ", "))
            }
        }
        if shape[1] <= 25 {
            lines.append("")
            lines.append("The same M with symbolic entries (k1…k\(m.kernel.count) the kernel row by row, x1…x\(shape[1]) the flattened input):")
            let rows = m.rows.map { symbolicRow($0, columns: shape[1], kernelColumns: kColumns) }
            let width = rows.flatMap { $0 }.map(\.count).max() ?? 1
            for cells in rows {
                lines.append("  " + cells.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: " "))
            }
            for (r, row) in m.rows.enumerated() {
                let terms = row.entries.map { ConvolutionMatrixFigures.kernelName($0.kernelRow, $0.kernelColumn, kernelColumns: kColumns) + "·x\($0.column + 1)" }
                lines.append("  z\(r + 1) = " + (terms.isEmpty ? "0" : terms.joined(separator: " + ")))
            }
        }
        lines.append("")
        lines.append("z = M·x, row by row (only the non-zero entries of a row contribute):")
        for (r, product) in trace.products.enumerated() {
            let row = m.rows[r]
            lines.append("  z\(r + 1) = z\(Notation.index(row.outputRow, row.outputColumn)) = " + product.sumText)
        }
        lines.append("")
        lines.append("z = (" + trace.product.scalars.map { Notation.number($0) }.joined(separator: ", ") + "), reshaped to \(Notation.shape(trace.output.shape)) row by row:")
        lines.append(Notation.matrix(trace.output))
        var checked: [String] = []
        if !example.statedRows.isEmpty { checked.append("\(example.statedRows.count) stated \(Counted.noun(example.statedRows.count, "row")) of M") }
        if let output = example.statedOutput { checked.append("the stated output (\(output.count) cells)") }
        lines += LessonChecks.lines(mismatches, stated: checked)
        return lines.joined(separator: "\n")
    }
}
