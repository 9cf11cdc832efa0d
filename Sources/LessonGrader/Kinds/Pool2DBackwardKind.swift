import LessonCore

/// `pool2d-backward`: where the gradient goes through a pooling layer: ∂L/∂x for a given
/// upstream ∂L/∂y, graded cell by cell.
///
/// Keys: `input`, `op` (max, avg or min), `size`, `stride`, `padding`, `count_include_pad`, `ceil_mode`, `grad` (∂L/∂y, the
/// pooled output's shape). The answer is `Pool2D.backward`'s gradient. Mistakes recognised:
/// the other operation's routing (average's shares for max and back), the upstream value
/// copied to every cell of its window, transposed.
public enum Pool2DBackwardKind: QuestionKind {
    public static let name = "pool2d-backward"
    public static let summary = "pooling backward: ∂L/∂x given ∂L/∂y (where the gradient goes; cell by cell)"
    public static let keys = ["input", "op", "size", "stride", "padding", "count_include_pad", "ceil_mode", "grad"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let input = try parameters.matrix("input"), upstream = try parameters.matrix("grad")
        let pooling = try Pool2D.from(parameters)
        let op = pooling.op
        func backward(_ p: Pool2D) throws -> PoolingBackwardTrace { try p.backward(try p.forward(input), upstream: upstream) }
        let trace = try parameters.located { try backward(pooling) }
        var mistakes: [KnownMistake] = []
        for other in PoolingOp.allCases where other != op {
            var changed = pooling
            changed.op = other
            if let wrong = try? backward(changed), wrong.gradient != trace.gradient {
                mistakes.append(KnownMistake(name: "\(other.word) pooling's routing instead of \(op.word)'s", answer: .matrix(wrong.gradient)))
            }
        }
        // Every cell of each window receives the whole upstream value.
        if let forward = try? pooling.forward(input) {
            var copied = Tensor(shape: input.shape)
            for step in forward.steps {
                for cell in step.cells where !cell.isPadding {
                    copied[cell.row, cell.column] += upstream[step.row, step.column]
                }
            }
            if copied != trace.gradient {
                mistakes.append(KnownMistake(name: "the upstream value copied to every cell of its window", answer: .matrix(copied)))
            }
        }
        if trace.gradient.transposed != trace.gradient, input.shape[0] == input.shape[1] {
            mistakes.append(KnownMistake(name: "transposed shapes (rows and columns swapped)", answer: .matrix(trace.gradient.transposed)))
        }
        let texts = trace.accumulations
        var cellWorking = Array(repeating: "", count: input.count)
        for cell in texts {
            cellWorking[cell.row * input.shape[1] + cell.column] = "∂L/∂x" + Notation.index(cell.row, cell.column) + " = "
                + cell.contributions.map { "∂L/∂y" + Notation.index($0.fromRow, $0.fromColumn) + " share " + Notation.number($0.amount) }.joined(separator: " + ")
                + " = " + Notation.number(cell.total)
        }
        for i in cellWorking.indices where cellWorking[i].isEmpty {
            cellWorking[i] = "∂L/∂x" + Notation.index(i / input.shape[1], i % input.shape[1]) + " = 0 (no window routes gradient here)"
        }
        return PreparedQuestion(
            sheet: ["input (\(Notation.shape(input.shape))): " + Notation.inlineMatrix(input),
                    pooling.sheetLine,
                    "upstream ∂L/∂y (\(Notation.shape(upstream.shape))): " + Notation.inlineMatrix(upstream)],
            expected: .matrix(trace.gradient), working: trace.steps.map { $0.text() }, mistakes: mistakes, cellWorking: cellWorking,
            sheetMatrices: [SheetMatrix(label: "input", values: input, shape: input.shape),
                            SheetMatrix(label: "∂L/∂y", values: upstream, shape: upstream.shape)])
    }
}
