import LessonCore

/// `conv2d-output`: the whole output matrix of a 2-D convolution, graded cell by cell.
///
/// Keys: `input`, `kernel` (matrices), `bias`, `padding`, `stride`, `dilation` (a number or
/// `[rows, columns]`), `mode` (`cross-correlation`, the default, or `convolution`). The answer
/// is computed by `Conv2D.forward`; each cell's working is its trace step. Mistakes
/// recognised: kernel flipped or not, biases forgotten, transposed output.
public enum Conv2DOutputKind: QuestionKind {
    public static let name = "conv2d-output"
    public static let summary = "the output matrix of a 2-D convolution (cell by cell, partial credit)"
    public static let keys = Conv2DQuestion.keys

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let question = try Conv2DQuestion(parameters)
        let trace = question.trace
        var mistakes: [KnownMistake] = []
        if let flipped = question.flippedTrace, flipped.output != trace.output {
            mistakes.append(KnownMistake(name: question.flipName, answer: .matrix(flipped.output)))
        }
        if trace.bias != 0 {
            mistakes.append(KnownMistake(name: "biases forgotten", answer: .matrix(trace.output.map { $0 - trace.bias })))
        }
        if trace.output.transposed != trace.output {
            mistakes.append(KnownMistake(name: "transposed shapes (rows and columns swapped)", answer: .matrix(trace.output.transposed)))
        }
        let sizes = trace.outputSizes
        return PreparedQuestion(sheet: question.sheet, expected: .matrix(trace.output),
                                working: ["output size: rows " + sizes[0].filledIn, "output size: columns " + sizes[1].filledIn,
                                          "operation: " + trace.mode.explanation] + trace.steps.map(\.text),
                                mistakes: mistakes, cellWorking: trace.steps.map(\.text),
                                sheetMatrices: question.sheetMatrices)
    }
}

/// `conv2d-cell`: one cell of the output of a 2-D convolution.
///
/// Keys: those of `conv2d-output` and `cell` (`[row, column]`, 1-based). Mistakes recognised:
/// kernel flipped or not, biases forgotten.
public enum Conv2DCellKind: QuestionKind {
    public static let name = "conv2d-cell"
    public static let summary = "one cell of the output of a 2-D convolution"
    public static let keys = Conv2DQuestion.keys + ["cell"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let question = try Conv2DQuestion(parameters)
        let trace = question.trace
        let cell = try parameters.pair("cell", default: Pair2(0))
        let shape = trace.output.shape
        guard (1...shape[0]).contains(cell.rows), (1...shape[1]).contains(cell.columns) else {
            throw parameters.error("cell", "the output is \(Notation.shape(shape)), so the cell must be [row, column] with row 1 to \(shape[0]) and column 1 to \(shape[1]), 1-based")
        }
        let step = trace.step(row: cell.rows - 1, column: cell.columns - 1)
        var mistakes: [KnownMistake] = []
        if let flipped = question.flippedTrace {
            let other = flipped.step(row: cell.rows - 1, column: cell.columns - 1)
            if other.value != step.value {
                mistakes.append(KnownMistake(name: question.flipName, answer: .number(other.value), detail: other.text))
            }
        }
        if trace.bias != 0 {
            mistakes.append(KnownMistake(name: "biases forgotten", answer: .number(step.value - trace.bias)))
        }
        return PreparedQuestion(sheet: question.sheet + ["asked: output cell \(step.label)"], expected: .number(step.value),
                                working: ["operation: " + trace.mode.explanation, step.text], mistakes: mistakes,
                                sheetMatrices: question.sheetMatrices)
    }
}

/// The convolution a conv2d question describes, computed once.
struct Conv2DQuestion {
    static let keys = ["input", "kernel", "bias", "padding", "stride", "dilation", "mode"]

    let trace: ConvolutionTrace
    /// The same convolution with the other mode (flip or no flip), for the flip mistake.
    let flippedTrace: ConvolutionTrace?
    let sheet: [String]

    init(_ parameters: QuestionParameters) throws {
        let input = try parameters.matrix("input")
        var operation = Conv2D(kernel: try parameters.matrix("kernel"), bias: try parameters.double("bias", default: 0),
                               padding: try parameters.pair("padding", default: Pair2(0)),
                               stride: try parameters.pair("stride", default: Pair2(1)),
                               dilation: try parameters.pair("dilation", default: Pair2(1)))
        if let mode = try parameters.optionalString("mode") {
            guard let parsed = ConvolutionMode(rawValue: mode) else {
                throw parameters.error("mode", "expected cross-correlation or convolution, found '\(mode)'")
            }
            operation.mode = parsed
        }
        do { trace = try operation.forward(input) } catch let error as InputError {
            throw InputError("\(parameters.location): \(error.message)")
        }
        var other = operation
        other.mode = operation.mode == .convolution ? .crossCorrelation : .convolution
        flippedTrace = try? other.forward(input)
        sheet = ["input (\(Notation.shape(input.shape))): " + Notation.inlineMatrix(input),
                 "kernel (\(Notation.shape(operation.kernel.shape))): " + Notation.inlineMatrix(operation.kernel),
                 "bias \(Notation.number(operation.bias)), padding \(operation.padding), stride \(operation.stride), dilation \(operation.dilation)",
                 "operation: " + operation.mode.explanation]
    }

    var flipName: String {
        trace.mode == .crossCorrelation ? "kernel flipped (a true convolution; CNN layers lay the kernel as printed)"
                                        : "kernel not flipped (a cross-correlation; the true convolution rotates the kernel by 180°)"
    }

    /// The given matrices only: the output is what is asked, so neither its grid nor its shape is drawn.
    var sheetMatrices: [SheetMatrix] {
        [SheetMatrix(label: "input", values: trace.input, shape: trace.input.shape),
         SheetMatrix(label: "kernel", values: trace.kernel, shape: trace.kernel.shape)]
    }
}
