import LessonCore

/// `conv2d-backward`: a gradient of a 2-D convolution given the upstream ∂L/∂z: every
/// ∂L/∂w (the kernel's gradient), every ∂L/∂x (the input's), or ∂L/∂b; graded cell by cell.
///
///     ∂L/∂w[u, v] = Σᵢⱼ G[i, j] · x_p[i·s + u·d, j·s + v·d],   ∂L/∂b = Σᵢⱼ G[i, j]
///     ∂L/∂x[r, c] = Σ over (i, j, u, v) with r = i·s + u·d − p of G[i, j] · w[u, v]
///
/// Keys: those of `conv2d-output`, `grad` (∂L/∂z, the output's shape) and `ask` (`kernel`,
/// the default, `input` or `bias`). The answer is `Conv2D.backward`'s trace. Mistakes
/// recognised: the kernel flipped or not (∂L/∂x is a full convolution with the flipped
/// kernel, so the unflipped one is the classic slip), transposed.
public enum Conv2DBackwardKind: QuestionKind {
    public static let name = "conv2d-backward"
    public static let summary = "conv2d backward: every ∂L/∂w, every ∂L/∂x, or ∂L/∂b given ∂L/∂z (cell by cell)"
    public static let keys = Conv2DQuestion.keys + ["grad", "ask"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let question = try Conv2DQuestion(parameters)
        let upstream = try parameters.matrix("grad")
        let ask = try parameters.choice("ask", ["kernel", "input", "bias"], default: "kernel")
        let trace = question.trace
        let operation = Conv2D(kernel: trace.kernel, bias: trace.bias, padding: trace.padding, stride: trace.stride,
                               dilation: trace.dilation, mode: trace.mode)
        let backward = try parameters.located { try operation.backward(trace, upstream: upstream) }
        let other = question.flippedTrace.flatMap { flipped -> ConvolutionBackwardTrace? in
            var op = operation
            op.mode = flipped.mode
            return try? op.backward(flipped, upstream: upstream)
        }
        let sheet = question.sheet + ["upstream ∂L/∂z (\(Notation.shape(upstream.shape))): " + Notation.inlineMatrix(upstream)]
        let matrices = question.sheetMatrices + [SheetMatrix(label: "∂L/∂z", values: upstream, shape: upstream.shape)]
        switch ask {
        case "bias":
            return PreparedQuestion(sheet: sheet, expected: .number(backward.gradBias),
                                    working: ["∂L/∂b = Σ ∂L/∂z = " + upstream.scalars.map { Notation.factor($0) }.joined(separator: " + ") + " = " + Notation.number(backward.gradBias)],
                                    mistakes: [], sheetMatrices: matrices)
        case "input":
            return matrixQuestion(sheet, expected: backward.gradInput, other: other?.gradInput,
                                  otherName: trace.mode == .crossCorrelation ? "kernel flipped in ∂L/∂x" : "kernel not flipped in ∂L/∂x",
                                  steps: backward.inputSteps.map(\.text), matrices: matrices)
        default:
            return matrixQuestion(sheet, expected: backward.gradKernel, other: other?.gradKernel,
                                  otherName: trace.mode == .crossCorrelation ? "kernel flipped (a true convolution)" : "kernel not flipped",
                                  steps: backward.kernelSteps.map(\.text), matrices: matrices)
        }
    }
    /// A gradient graded cell by cell, with the two slips a student makes: the kernel taken the
    /// other way round (`other`, when it differs) and rows and columns swapped.
    private static func matrixQuestion(_ sheet: [String], expected: Tensor, other: Tensor?, otherName: String,
                                       steps: [String], matrices: [SheetMatrix]) -> PreparedQuestion {
        var mistakes: [KnownMistake] = []
        if let other, other != expected {
            mistakes.append(KnownMistake(name: otherName, answer: .matrix(other)))
        }
        if expected.transposed != expected, expected.shape[0] == expected.shape[1] {
            mistakes.append(KnownMistake(name: "transposed shapes (rows and columns swapped)", answer: .matrix(expected.transposed)))
        }
        return PreparedQuestion(sheet: sheet, expected: .matrix(expected), working: steps, mistakes: mistakes,
                                cellWorking: steps.count == expected.count ? steps : [], sheetMatrices: matrices)
    }
}
