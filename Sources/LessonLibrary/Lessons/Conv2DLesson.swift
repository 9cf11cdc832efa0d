import Foundation
import LessonCore
import LessonFigures

/// `lesson run conv2d`: one 2-D convolution stepped through cell by cell.
///
/// Lesson file keys: `input`, `kernel` (matrices), `bias`, `padding`, `stride`, `dilation`
/// (a number or `[rows, columns]`), `mode` (`cross-correlation` or `convolution`), and
/// `expected` with an `output` matrix and `cells`, worked sums as the slide writes them
/// (`"[1,1]": "1×1 + 0×(−1) + … + 0 = 2"`, 1-based).
public enum Conv2DLesson: Lesson {
    public static let id = "conv2d"

    /// The parameters of one run, from a lesson variant and command-line options.
    public struct Example: Equatable, SamePaddedExample {
        public var input: Tensor
        public var kernel: Tensor
        public var bias: Double = 0
        public var padding = Pair2(0)
        public var stride = Pair2(1)
        public var dilation = Pair2(1)
        public var mode = ConvolutionMode.crossCorrelation
        /// The zeros at the bottom and right beyond `padding` (Keras's "same" for an even kernel).
        public var extraPadding = Pair2(0)
        /// How `--padding same` chose the padding, rows then columns; nil for a padding given as numbers.
        public var samePadding: [SamePadding]?
        /// The output the lesson file states, if any.
        public var statedOutput: Tensor?
        /// The kernel table as the slide prints it, if it is stated apart from the kernel used.
        public var statedKernel: Tensor?
        /// Worked sums the lesson file states.
        public var statedCells: [StatedCell] = []

        public init(input: Tensor, kernel: Tensor) {
            self.input = input
            self.kernel = kernel
        }

        /// Reads a variant of a lesson file. A lesson built on this one names its own keys in
        /// `extraKeys` and reads its own `expected` (then `readsExpected` is false).
        public init(_ variant: LessonVariant, extraKeys: [String] = [], readsExpected: Bool = true) throws {
            try variant.rejectUnknownKeys(allowed: ["input", "kernel", "bias", "padding", "stride", "dilation", "mode"] + extraKeys)
            input = try variant.require("input", expected: "the input matrix, such as \"1 0 3; 0 3 4\"").matrix()
            kernel = try variant.require("kernel", expected: "the kernel matrix, such as \"1 -1; 0 2\"").matrix()
            bias = try variant["bias"]?.double() ?? 0
            (padding, stride, dilation) = try variant.windowSettings()
            if let value = variant["mode"] { mode = try value.choice("mode", expected: "cross-correlation or convolution") }
            if readsExpected, let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["output", "kernel", "cells"])
                statedOutput = try expected["output"]?.matrix()
                statedKernel = try expected["kernel"]?.matrix()
                for (key, value) in try expected["cells"]?.entries() ?? [] {
                    let (row, column) = try Self.cellIndex(key, at: value)
                    do {
                        statedCells.append(StatedCell(row: row, column: column, sum: try StatedSum.parse(try value.string())))
                    } catch let error as InputError where !error.isLocated {
                        throw value.error(error.message)
                    }
                }
            }
        }

        /// The operation these parameters describe.
        public var operation: Conv2D {
            Conv2D(kernel: kernel, bias: bias, padding: padding, stride: stride, dilation: dilation, mode: mode,
                   extraPadding: extraPadding)
        }

        /// Reads `[3,2]` (1-based) as (2, 1).
        private static func cellIndex(_ key: String, at value: YAMLValue) throws -> (Int, Int) {
            let digits = key.trimmingCharacters(in: CharacterSet(charactersIn: "[] z")).split(separator: ",")
            guard digits.count == 2, let r = Int(digits[0].trimmingCharacters(in: .whitespaces)),
                  let c = Int(digits[1].trimmingCharacters(in: .whitespaces)), r >= 1, c >= 1 else {
                throw value.error("'\(key)' is not a cell; write it as [row,column], 1-based, such as [1,1]")
            }
            return (r - 1, c - 1)
        }
    }


    /// Runs `example` and builds the text, JSON payload, figures and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        let trace = try example.operation.forward(example.input)
        let mismatches = trace.check(statedOutput: example.statedOutput, statedKernel: example.statedKernel,
                                     statedCells: example.statedCells)
        let stated = StatedValues.differences(trace, statedOutput: example.statedOutput, statedKernel: example.statedKernel,
                                              statedCells: example.statedCells)
        let figures = ConvolutionFigures.frames(trace, stated: stated) + [ConvolutionFigures.overview(trace, stated: stated)]
        return LessonOutput(lesson: id, variant: heading.variant,
                            text: describe(trace, heading: heading, stated: example, mismatches: mismatches),
                            payload: trace, figures: figures,
                            mismatches: mismatches)
    }

    /// The step-by-step text of a trace.
    static func describe(_ trace: ConvolutionTrace, heading: LessonHeading, stated: Example, mismatches: [Mismatch]) -> String {
        var lines: [String] = []
        lines += heading.lines
        lines.append("Operation: \(trace.mode.explanation).")
        lines.append("")
        lines += LessonText.matrix("input", trace.input)
        if trace.isPadded {
            lines += LessonText.matrix("input with zero padding \(trace.paddingText)", trace.paddedInput)
        }
        lines += LessonText.matrix("kernel", trace.kernel)
        if trace.mode == .convolution {
            lines.append("kernel rotated by 180°, as laid on each window:")
            lines.append(Notation.matrix(trace.appliedKernel))
        }
        lines.append("bias \(Notation.number(trace.bias)), padding \(trace.paddingText), stride \(trace.stride), dilation \(trace.dilation)")
        lines.append("")
        lines.append("Step by step (indices 1-based; window rows and columns in input coordinates\(Self.paddingNote(trace))):")
        for step in trace.steps {
            let rows = step.windowRows, columns = step.windowColumns
            let p = trace.padding
            lines.append("\(step.label): window rows \(rows.lowerBound - p.rows + 1)–\(rows.upperBound - p.rows + 1), columns \(columns.lowerBound - p.columns + 1)–\(columns.upperBound - p.columns + 1)")
            lines.append("  " + step.text)
        }
        lines.append("")
        lines += LessonText.matrix("output", trace.output)
        lines.append("")
        if let rule = stated.samePadding { lines += SamePadding.lines(rule) }
        lines.append("Output size: \(OutputSize.formula)")
        let sizes = trace.outputSizes
        if sizes[0].input == sizes[1].input, sizes[0].kernel == sizes[1].kernel, sizes[0].padding == sizes[1].padding,
           sizes[0].extraPadding == sizes[1].extraPadding, sizes[0].stride == sizes[1].stride, sizes[0].dilation == sizes[1].dilation {
            lines.append("  rows and columns: " + sizes[0].filledIn)
        } else {
            lines.append("  rows:    " + sizes[0].filledIn)
            lines.append("  columns: " + sizes[1].filledIn)
        }
        var checked: [String] = []
        if stated.statedKernel != nil { checked.append("the stated kernel") }
        if let output = stated.statedOutput { checked.append("the stated output (\(output.count) cells)") }
        if !stated.statedCells.isEmpty { checked.append("\(stated.statedCells.count) worked \(Counted.noun(stated.statedCells.count, "sum"))") }
        lines += LessonChecks.lines(mismatches, stated: checked)
        return lines.joined(separator: "\n")
    }

    /// Which input coordinates of a window are padding, for the text's step list: nothing when
    /// there is none; "0 and 6" for one ring around a 5×5 input; ranges for wider padding.
    static func paddingNote(_ trace: ConvolutionTrace) -> String {
        let p = trace.padding, extra = trace.extraPadding ?? Pair2(0), n = trace.input.shape
        guard p != Pair2(0) || extra != Pair2(0) else { return "" }
        func outside(_ before: Int, _ after: Int, _ size: Int) -> String? {
            let start = before == 0 ? nil : before == 1 ? "0" : "\u{2212}\(before - 1)–0"
            let end = after == 0 ? nil : after == 1 ? "\(size + 1)" : "\(size + 1)–\(size + after)"
            let both = [start, end].compactMap { $0 }
            return both.isEmpty ? nil : both.joined(separator: " and ")
        }
        let rows = outside(p.rows, p.rows + extra.rows, n[0]), columns = outside(p.columns, p.columns + extra.columns, n[1])
        if rows == columns, let rows { return "; \(rows) are padding" }
        return "; " + [rows.map { "rows \($0)" }, columns.map { "columns \($0)" }].compactMap { $0 }.joined(separator: " and ")
            + " are padding"
    }
}
