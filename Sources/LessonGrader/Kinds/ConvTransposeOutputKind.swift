import LessonCore

/// `conv-transpose-output`: the output of a transposed convolution (scatter-add of a
/// kernel copy per input cell, cropped by the padding), graded cell by cell.
///
/// Keys: `input`, `kernel`, `padding`, `stride`, `dilation`, `output_padding`. The answer is
/// `ConvTranspose2D.forward`'s output; each cell's working is the sum of the kernel copies
/// that reach it. Mistakes recognised: the padding not cropped, the stride ignored
/// (copies overlapping as at stride 1), the forward convolution computed instead.
public enum ConvTransposeOutputKind: QuestionKind {
    public static let name = "conv-transpose-output"
    public static let summary = "the output of a transposed convolution (scatter-add, cell by cell)"
    public static let keys = ["input", "kernel", "padding", "stride", "dilation", "output_padding"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let input = try parameters.matrix("input"), kernel = try parameters.matrix("kernel")
        let operation = ConvTranspose2D(kernel: kernel, padding: try parameters.pair("padding", default: Pair2(0)),
                                        stride: try parameters.pair("stride", default: Pair2(1)),
                                        dilation: try parameters.pair("dilation", default: Pair2(1)),
                                        outputPadding: try parameters.pair("output_padding", default: Pair2(0)))
        let trace = try parameters.located { try operation.forward(input) }
        var mistakes: [KnownMistake] = []
        if operation.padding != Pair2(0), trace.canvas != trace.output {
            mistakes.append(KnownMistake(name: "the padding not cropped from the output", answer: .matrix(trace.canvas)))
        }
        if operation.stride != Pair2(1) {
            var unstrided = operation
            unstrided.stride = Pair2(1)
            unstrided.outputPadding = Pair2(0)
            if let wrong = try? unstrided.forward(input) {
                mistakes.append(KnownMistake(name: "the stride ignored (kernel copies placed one cell apart)", answer: .matrix(wrong.output)))
            }
        }
        if let forward = try? Conv2D(kernel: kernel, padding: operation.padding, stride: operation.stride).forward(input) {
            mistakes.append(KnownMistake(name: "an ordinary convolution instead of a transposed one", answer: .matrix(forward.output)))
        }
        let columns = trace.output.shape[1]
        var parts = Array(repeating: [String](), count: trace.output.count)
        for step in trace.steps {
            for placement in step.placements where !placement.isCropped {
                let r = placement.canvasRow - operation.padding.rows, c = placement.canvasColumn - operation.padding.columns
                guard r >= 0, c >= 0, r < trace.output.shape[0], c < columns else { continue }
                parts[r * columns + c].append(Notation.factor(step.value) + "×" + Notation.factor(placement.weight))
            }
        }
        let cellWorking = parts.enumerated().map { i, terms in
            "out" + Notation.index(i / columns, i % columns) + " = " + (terms.isEmpty ? "0" : terms.joined(separator: " + "))
                + " = " + Notation.number(trace.output.scalars[i])
        }
        return PreparedQuestion(
            sheet: ["input (\(Notation.shape(input.shape))): " + Notation.inlineMatrix(input),
                    "kernel (\(Notation.shape(kernel.shape))): " + Notation.inlineMatrix(kernel),
                    "padding \(operation.padding), stride \(operation.stride), dilation \(operation.dilation), output_padding \(operation.outputPadding)"],
            expected: .matrix(trace.output),
            working: ["output size: rows " + trace.outputSizes[0].filledIn, "output size: columns " + trace.outputSizes[1].filledIn]
                + trace.steps.map { $0.label + " = " + Notation.number($0.value) + ": its kernel copy scaled and added" } + cellWorking,
            mistakes: mistakes, cellWorking: cellWorking,
            sheetMatrices: [SheetMatrix(label: "input", values: input, shape: input.shape),
                            SheetMatrix(label: "kernel", values: kernel, shape: kernel.shape)])
    }
}
