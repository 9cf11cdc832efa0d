import LessonCore

/// `conv2d-mode-output`: the output of a 2-D convolution with full, valid or same padding
/// (seeds/003), graded cell by cell.
///
/// Keys: `input`, `kernel`, `padding_mode` (`full`, `valid` or `same`), `stride`, `mode`
/// (`cross-correlation`, the default, or `convolution`). The padding is `PaddingMode.padding`,
/// or for `same` Keras's (`SamePadding`: an even kernel pads 0 top/left and 1 bottom/right), the
/// answer `Conv2D.forward`'s output. Mistakes recognised: each of
/// the other two padding modes, kernel flipped or not.
public enum Conv2DModeOutputKind: QuestionKind {
    public static let name = "conv2d-mode-output"
    public static let summary = "the output of a 2-D convolution with full, valid or same padding (cell by cell)"
    public static let keys = ["input", "kernel", "padding_mode", "stride", "mode"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let input = try parameters.matrix("input"), kernel = try parameters.matrix("kernel")
        let modeName = try parameters.choice("padding_mode", PaddingMode.allCases.map(\.rawValue), default: "valid")
        let paddingMode = PaddingMode(rawValue: modeName) ?? .valid
        let convolution = try parameters.choice("mode", ConvolutionMode.allCases.map(\.rawValue), default: ConvolutionMode.crossCorrelation.rawValue)
        let stride = try parameters.pair("stride", default: Pair2(1))
        func run(_ padding: PaddingMode, _ mode: String) throws -> ConvolutionTrace {
            var op: Conv2D
            if padding == .same {
                // As the conv2d-modes lesson and Keras pad: the odd zero at the bottom and right.
                let (before, extra) = SamePadding.pads(SamePadding.rowsAndColumns(input: input.shape, kernel: kernel.shape,
                                                                                  stride: stride, dilation: Pair2(1)))
                op = Conv2D(kernel: kernel, padding: before, stride: stride, extraPadding: extra)
            } else {
                op = Conv2D(kernel: kernel, padding: try padding.padding(kernelShape: kernel.shape), stride: stride)
            }
            op.mode = ConvolutionMode(rawValue: mode) ?? .crossCorrelation
            return try op.forward(input)
        }
        guard kernel.rank == 2, input.rank == 2 else { throw InputError("\(parameters.location): the input and the kernel must be matrices") }
        let trace = try parameters.located { try run(paddingMode, convolution) }
        var mistakes: [KnownMistake] = []
        for other in PaddingMode.allCases where other != paddingMode {
            if let wrong = try? run(other, convolution), wrong.output != trace.output {
                mistakes.append(KnownMistake(name: "\(other.rawValue) padding instead of \(paddingMode.rawValue)", answer: .matrix(wrong.output)))
            }
        }
        let flippedMode = convolution == ConvolutionMode.convolution.rawValue ? ConvolutionMode.crossCorrelation : .convolution
        if let wrong = try? run(paddingMode, flippedMode.rawValue), wrong.output != trace.output {
            mistakes.append(KnownMistake(name: flippedMode == .convolution ? "kernel flipped (a true convolution)" : "kernel not flipped (a cross-correlation)",
                                         answer: .matrix(wrong.output)))
        }
        let texts = trace.steps.map(\.text)
        return PreparedQuestion(
            sheet: ["input (\(Notation.shape(input.shape))): " + Notation.inlineMatrix(input),
                    "kernel (\(Notation.shape(kernel.shape))): " + Notation.inlineMatrix(kernel),
                    "\(paddingMode.rawValue) padding, stride \(stride)", "operation: " + trace.mode.explanation],
            expected: .matrix(trace.output),
            working: [paddingMode.explanation + ": padding \(trace.paddingText)", "output size: rows " + trace.outputSizes[0].filledIn,
                      "output size: columns " + trace.outputSizes[1].filledIn] + texts,
            mistakes: mistakes, cellWorking: texts,
            sheetMatrices: [SheetMatrix(label: "input", values: input, shape: input.shape),
                            SheetMatrix(label: "kernel", values: kernel, shape: kernel.shape)])
    }
}
