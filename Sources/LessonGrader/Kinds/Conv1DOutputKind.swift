import LessonCore

/// `conv1d-output`: the output of a 1-D convolution, graded entry by entry.
///
/// Keys: `input`, `kernel` (vectors), `bias`, `padding`, `stride`, `dilation`, `mode`
/// (`cross-correlation`, the default, or `convolution`). The answer is `Conv1D.forward`'s
/// output; each entry's working is its trace step (z₂ = 4×1 + 1×(−2) + 1×1 = 3). Mistakes
/// recognised: kernel flipped or not, padding left out, biases forgotten.
public enum Conv1DOutputKind: QuestionKind {
    public static let name = "conv1d-output"
    public static let summary = "the output of a 1-D convolution (entry by entry, partial credit)"
    public static let keys = ["input", "kernel", "bias", "padding", "stride", "dilation", "mode"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let input = try parameters.vector("input")
        var operation = Conv1D(kernel: try parameters.vector("kernel"), bias: try parameters.double("bias", default: 0),
                               padding: try parameters.int("padding", default: 0), stride: try parameters.int("stride", default: 1),
                               dilation: try parameters.int("dilation", default: 1))
        let mode = try parameters.choice("mode", ConvolutionMode.allCases.map(\.rawValue), default: ConvolutionMode.crossCorrelation.rawValue)
        operation.mode = ConvolutionMode(rawValue: mode) ?? .crossCorrelation
        let trace = try parameters.located { try operation.forward(input) }
        var mistakes: [KnownMistake] = []
        var flipped = operation
        flipped.mode = operation.mode == .convolution ? .crossCorrelation : .convolution
        if let other = try? flipped.forward(input), other.output != trace.output {
            mistakes.append(KnownMistake(name: operation.mode == .crossCorrelation ? "kernel flipped (a true convolution)" : "kernel not flipped (a cross-correlation)",
                                         answer: .matrix(Tensor(vector: other.output))))
        }
        if operation.padding > 0 {
            var unpadded = operation
            unpadded.padding = 0
            if let other = try? unpadded.forward(input) {
                mistakes.append(KnownMistake(name: "padding left out", answer: .matrix(Tensor(vector: other.output))))
            }
        }
        if operation.bias != 0 {
            mistakes.append(KnownMistake(name: "biases forgotten", answer: .matrix(Tensor(vector: trace.output.map { $0 - operation.bias }))))
        }
        let texts = trace.steps.map(\.text)
        return PreparedQuestion(
            sheet: ["input x = " + Notation.inlineMatrix(Tensor(vector: input)),
                    "kernel w = " + Notation.inlineMatrix(Tensor(vector: operation.kernel)),
                    "bias \(Notation.number(operation.bias)), padding \(operation.padding), stride \(operation.stride), dilation \(operation.dilation)",
                    "operation: " + operation.mode.explanation],
            expected: .matrix(Tensor(vector: trace.output)),
            working: ["output length: " + trace.outputSize.filledIn] + texts, mistakes: mistakes, cellWorking: texts,
            answerFormat: "a list of numbers, the outputs in order, such as [3, 1, 0]")
    }
}
