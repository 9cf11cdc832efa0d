import LessonCore

/// `pool2d-output`: the output matrix of a 2-D pooling, graded cell by cell.
///
/// Keys: `input` (a matrix), `op` (`max`, the default, `avg` or `min`), `size` (the window,
/// a number or `[rows, columns]`), `stride` (default: the size, as in PyTorch and Keras),
/// `padding` (default 0), `count_include_pad` (default true) and `ceil_mode` (default false), as
/// PyTorch names them. The answer is computed by `Pool2D.forward`; each cell's working is
/// its trace step. Mistakes recognised: stride 1 instead of the window size (overlapping
/// windows), the other operation (average for max and back), the output size rounded the
/// other way (ceil_mode), transposed output.
public enum Pool2DOutputKind: QuestionKind {
    public static let name = "pool2d-output"
    public static let summary = "the output matrix of a 2-D max, average or min pooling (cell by cell, partial credit)"
    public static let keys = ["input", "op", "size", "stride", "padding", "count_include_pad", "ceil_mode"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let input = try parameters.matrix("input")
        let pooling = try Pool2D.from(parameters)
        let op = pooling.op
        let trace: PoolingTrace
        do { trace = try pooling.forward(input) } catch let error as InputError {
            throw InputError("\(parameters.location): \(error.message)")
        }
        var mistakes: [KnownMistake] = []
        if pooling.stride != Pair2(1) {
            var overlapping = pooling
            overlapping.stride = Pair2(1)
            if let wrong = try? overlapping.forward(input) {
                mistakes.append(KnownMistake(name: "stride 1 instead of \(pooling.stride) (overlapping windows)", answer: .matrix(wrong.output)))
            }
        }
        if let (name, wrong) = pooling.otherRounding(of: trace) {
            mistakes.append(KnownMistake(name: name, answer: .matrix(wrong)))
        }
        for other in PoolingOp.allCases where other != op {
            var changed = pooling
            changed.op = other
            if let wrong = try? changed.forward(input), wrong.output != trace.output {
                mistakes.append(KnownMistake(name: "\(other.word) pooling instead of \(op.word)", answer: .matrix(wrong.output)))
            }
        }
        if trace.output.transposed != trace.output {
            mistakes.append(KnownMistake(name: "transposed shapes (rows and columns swapped)", answer: .matrix(trace.output.transposed)))
        }
        let texts = trace.steps.map { $0.text(op: op) }
        return PreparedQuestion(
            sheet: ["input (\(Notation.shape(input.shape))): " + Notation.inlineMatrix(input),
                    pooling.sheetLine],
            expected: .matrix(trace.output),
            working: ["output size: rows " + trace.sizeFilledIn(0), "output size: columns " + trace.sizeFilledIn(1)] + texts,
            mistakes: mistakes, cellWorking: texts,
            sheetMatrices: [SheetMatrix(label: "input", values: input, shape: input.shape)])
    }
}
