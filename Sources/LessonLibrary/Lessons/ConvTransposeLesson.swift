import Foundation
import LessonCore
import LessonFigures

/// `lesson run conv-transpose`: transposed convolution as scatter-add and as the transposed matrix.
///
/// Lesson file keys: `input`, `kernel` (matrices), `padding`, `stride`, `dilation`,
/// `output_padding` (a number or `[rows, columns]`), and `expected` with an `output` matrix.
public enum ConvTransposeLesson: Lesson {
    public static let id = "conv-transpose"

    /// The most input cells (scatter steps, one frame each) and output cells the lesson writes out.
    public static let maximumSteps = 256
    public static let maximumOutputCells = 4096

    /// The parameters of one run.
    public struct Example: Equatable, LessonExample {
        public var input: Tensor
        public var kernel: Tensor
        public var padding = Pair2(0)
        public var stride = Pair2(1)
        public var dilation = Pair2(1)
        public var outputPadding = Pair2(0)
        /// Rows and columns cropped at the end beyond `padding` (Keras's "same" with an odd total).
        public var extraCrop = Pair2(0)
        /// How `--padding same` chose the crop, rows then columns: the "same" padding of the
        /// convolution this transposes, on an input of n·s cells; nil for a padding given as numbers.
        public var samePadding: [SamePadding]?
        /// The output the lesson file states, if any.
        public var statedOutput: Tensor?

        public init(input: Tensor, kernel: Tensor) {
            self.input = input
            self.kernel = kernel
        }

        /// Reads a variant of a lesson file.
        public init(_ variant: LessonVariant) throws {
            try variant.rejectUnknownKeys(allowed: ["input", "kernel", "padding", "stride", "dilation", "output_padding"])
            input = try variant.require("input", expected: "the input matrix, such as \"1 2; 3 4\"").matrix()
            kernel = try variant.require("kernel", expected: "the kernel matrix, such as \"1 4 1; 1 4 3; 3 3 1\"").matrix()
            (padding, stride, dilation) = try variant.windowSettings()
            outputPadding = try variant["output_padding"]?.pair(in: 0...OutputSize.largestSetting) ?? Pair2(0)
            if let expected = variant["expected"] {
                try expected.rejectUnknownKeys(allowed: ["output"])
                statedOutput = try expected["output"]?.matrix()
            }
        }

        /// The operation these parameters describe.
        public var operation: ConvTranspose2D {
            ConvTranspose2D(kernel: kernel, padding: padding, stride: stride, dilation: dilation, outputPadding: outputPadding,
                            extraCrop: extraCrop)
        }

        /// Crops as Keras's `Conv2DTranspose(padding="same")` does, so the output is n·s (see
        /// `ConvTranspose2D.kerasSame`). Needs a matrix input and kernel.
        mutating func padSame() {
            guard input.rank == 2, kernel.rank == 2 else { return }
            let (same, rule) = ConvTranspose2D.kerasSame(kernel: kernel, inputShape: input.shape, stride: stride, dilation: dilation)
            (padding, extraCrop, outputPadding, samePadding) = (same.padding, same.extraCrop, same.outputPadding, rule)
        }
    }


    /// Runs `example` and builds the text, JSON payload, figures and mismatches.
    public static func run(_ example: Example, heading: LessonHeading) throws -> LessonOutput {
        guard example.input.count <= maximumSteps else {
            throw InputError("the input has \(example.input.count) cells and the lesson draws one step per cell, at most \(maximumSteps); use a smaller input")
        }
        let sizes = example.operation.outputSizes(for: example.input.shape)
        try sizes.forEach { try $0.validate() }
        if sizes.allSatisfy({ $0.output >= 1 }), sizes[0].output * sizes[1].output > maximumOutputCells {
            throw InputError("the output would be \(sizes[0].output)×\(sizes[1].output) cells; the lesson writes out at most \(maximumOutputCells), so use a smaller input, kernel or stride")
        }
        let trace = try example.operation.forward(example.input)
        let mismatches = example.statedOutput.map { compareMatrices(stated: $0, recomputed: trace.output) } ?? []
        // The forward convolution this one transposes, on an input of the output's shape.
        let forward = try ConvolutionMatrix(kernel: example.kernel, inputShape: trace.output.shape, padding: example.padding,
                                            stride: example.stride, dilation: example.dilation, extraPadding: example.extraCrop)
        let text = describe(trace, forward: forward, heading: heading, example: example, mismatches: mismatches)
        return LessonOutput(lesson: id, variant: heading.variant, text: text, payload: trace,
                            figures: ConvTransposeFigures.figures(trace), mismatches: mismatches)
    }

    static func describe(_ trace: ConvTransposeTrace, forward: ConvolutionMatrix, heading: LessonHeading, example: Example, mismatches: [Mismatch]) -> String {
        var lines: [String] = []
        lines += heading.lines
        let library = example.samePadding == nil ? "PyTorch conv_transpose2d" : "Keras Conv2DTranspose, padding \"same\""
        lines.append("Operation: transposed convolution (\(library)): every input cell adds a copy of the kernel, scaled by its value, to the output; where copies overlap they add up.")
        lines.append("")
        lines += LessonText.matrix("input y", trace.input)
        lines += LessonText.matrix("kernel", trace.kernel)
        lines.append("stride \(trace.stride), padding \(trace.paddingText), output_padding \(trace.outputPadding), dilation \(trace.dilation)")
        lines.append("")
        if let rule = example.samePadding {
            lines.append("Padding \"same\" as Keras's Conv2DTranspose: output n·s, the transpose of the convolution with padding \"same\" on an n·s input:")
            lines += SamePadding.lines(rule).map { "  " + $0 }
            lines.append("  so the canvas is cropped by those zeros, and where the copies stop short of n·s, s − (d(k − 1) + 1) + total zeros are added at the end as output_padding.")
        }
        lines += LessonText.outputSize(TransposedOutputSize.formula, rows: trace.outputSizes[0].filledIn, columns: trace.outputSizes[1].filledIn)
        let canvas = trace.canvas.shape
        lines.append("The copies land on a \(Notation.shape(canvas)) canvas: copy (i, j) starts at canvas row (i − 1)·\(trace.stride.rows) + 1, column (j − 1)·\(trace.stride.columns) + 1 (1-based).")
        if let extra = trace.extraCrop {
            let p = trace.padding
            lines.append("padding \(trace.paddingText) crops \(p.rows) \(Counted.noun(p.rows, "row")) at the top, \(p.rows + extra.rows) at the bottom, \(p.columns) \(Counted.noun(p.columns, "column")) on the left and \(p.columns + extra.columns) on the right: the canvas cells that the \"same\" convolution would have read as zeros.")
        } else if trace.padding != Pair2(0) {
            lines.append("padding \(trace.padding) crops \(trace.padding.rows) \(Counted.noun(trace.padding.rows, "row")) at the top and bottom and \(trace.padding.columns) \(Counted.noun(trace.padding.columns, "column")) at each side: the canvas cells that a convolution with padding \(trace.padding) would have read as zeros.")
        }
        lines.append("")
        lines.append("Step by step (scatter-add; canvas indices 1-based):")
        for step in trace.steps {
            let rows = step.placements.map(\.canvasRow), columns = step.placements.map(\.canvasColumn)
            lines.append("\(step.label) = \(Notation.number(step.value)): adds \(Notation.factor(step.value)) × kernel at canvas rows \((rows.min() ?? 0) + 1)–\((rows.max() ?? 0) + 1), columns \((columns.min() ?? 0) + 1)–\((columns.max() ?? 0) + 1)")
            let adds = step.placements.map { p in
                "[\(p.canvasRow + 1),\(p.canvasColumn + 1)] += \(Notation.factor(step.value))×\(Notation.factor(p.weight)) = \(Notation.number(p.product))" + (p.isCropped ? " (cropped)" : "")
            }
            lines.append("  " + adds.joined(separator: "; "))
        }
        lines.append("")
        lines.append("canvas after every copy (\(Notation.shape(canvas))):")
        lines.append(Notation.matrix(trace.canvas))
        if trace.padding != Pair2(0) || trace.extraCrop != nil {
            lines.append("without the cropped rows and columns, the output (\(Notation.shape(trace.output.shape))):")
        } else {
            lines.append("output (\(Notation.shape(trace.output.shape))), the canvas itself:")
        }
        lines.append(Notation.matrix(trace.output))
        lines.append("")
        let t = trace.transposedMatrix.shape
        lines.append("As a matrix: out = Cᵀ·y with Cᵀ of shape \(Notation.shape(t)) (column j is the kernel copy of y_j, flattened; cropped cells left out).")
        if t[0] * t[1] <= 400 {
            for row in trace.transposedMatrix.rowArrays {
                let width = trace.transposedMatrix.scalars.map { Notation.number($0).count }.max() ?? 1
                lines.append("  " + row.map { let s = Notation.number($0); return String(repeating: " ", count: width - s.count) + s }.joined(separator: " "))
            }
        }
        let columns = trace.output.shape[1]
        for product in trace.products {
            lines.append("  out\(Notation.index(product.row / columns, product.row % columns)) = " + (product.terms.isEmpty ? "0 (no copy reaches it)" : product.sumText))
        }
        let same = trace.isTranspose(of: forward)
        lines.append("C is the \(Notation.shape(forward.matrix.shape)) matrix of the convolution with the same kernel, stride \(trace.stride), padding \(trace.paddingText) and dilation \(trace.dilation) on a \(Notation.shape(trace.output.shape)) input (lesson conv-matrix): "
                     + (same ? "Cᵀ is exactly its transpose, so ⟨C·x, y⟩ = ⟨x, Cᵀ·y⟩ for every x and y." : "its output is \(Notation.shape(forward.outputShape)), not \(Notation.shape(trace.input.shape)), because output_padding is not below the stride; the matrix above is C's first rows transposed."))
        lines.append("")
        lines.append("output_padding:")
        for size in trace.outputSizes {
            let sizes = size.forwardInputSizes
            if sizes.count == 1 {
                lines.append("  \(size.axis): with stride \(size.stride) only an input of \(sizes.lowerBound) gives \(size.input) under the convolution, so output_padding must be 0 (or below the dilation).")
            } else {
                lines.append("  \(size.axis): a convolution with k = \(size.kernel), s = \(size.stride), p = \(size.padding) maps every input size \(sizes.map(String.init).joined(separator: ", ")) to \(size.input)\(size.extraCrop.map { " (with \(size.padding + $0) more \(Counted.noun(size.padding + $0, "zero")) at the end)" } ?? "") (the floor drops the rest); output_padding = \(size.outputPadding) picks \(size.output), adding \(size.outputPadding) \(size.axis == "rows" ? "row" : "column")\(size.outputPadding == 1 ? "" : "s") at the \(size.axis == "rows" ? "bottom" : "right").")
            }
        }
        if let stated = example.statedOutput {
            lines.append("")
            if mismatches.isEmpty {
                lines.append("Checked against the lesson file: the stated output (\(stated.count) cells) agrees with the recomputation.")
            } else {
                lines.append("\(mismatches.count) \(Counted.noun(mismatches.count, "mismatch", plural: "mismatches")) between the lesson file and the recomputation:")
                for mismatch in mismatches { lines.append("  " + mismatch.description.replacingOccurrences(of: "\n", with: "\n  ")) }
            }
        }
        return lines.joined(separator: "\n")
    }
}
