import LessonCore

/// `conv-matrix-row`: one row of the convolution matrix M (the convolution as y = M·x,
/// seeds/002): the weights that output cell lays on the flattened input, zeros elsewhere.
///
/// Keys: `input_size` (`[rows, columns]`), `kernel`, `padding`, `stride`, `dilation`, and
/// `cell` (`[row, column]` of the output, 1-based; default [1, 1]). The answer is
/// `ConvolutionMatrix`'s row. Mistakes recognised: the kernel flipped, the row of the
/// neighbouring output cell, the kernel transposed.
public enum ConvMatrixRowKind: QuestionKind {
    public static let name = "conv-matrix-row"
    public static let summary = "one row of the convolution matrix M (y = M·x), entry by entry"
    public static let keys = ["input_size", "kernel", "padding", "stride", "dilation", "cell"]

    public static func prepare(_ parameters: QuestionParameters) throws -> PreparedQuestion {
        let size = try parameters.pair("input_size", default: Pair2(0))
        guard size.rows >= 1, size.columns >= 1 else {
            throw InputError("\(parameters.location): the key 'input_size' must be [rows, columns] of the input, such as [4, 4]")
        }
        let kernel = try parameters.matrix("kernel")
        let padding = try parameters.pair("padding", default: Pair2(0)), stride = try parameters.pair("stride", default: Pair2(1))
        let dilation = try parameters.pair("dilation", default: Pair2(1))
        func build(_ k: Tensor) throws -> ConvolutionMatrix {
            try ConvolutionMatrix(kernel: k, inputShape: [size.rows, size.columns], padding: padding, stride: stride, dilation: dilation)
        }
        let matrix = try parameters.located { try build(kernel) }
        let cell = try parameters.pair("cell", default: Pair2(1))
        let out = matrix.outputShape
        guard (1...out[0]).contains(cell.rows), (1...out[1]).contains(cell.columns) else {
            throw parameters.error("cell", "the output has rows 1 to \(out[0]) and columns 1 to \(out[1]) (1-based); got [\(cell.rows), \(cell.columns)]")
        }
        let index = (cell.rows - 1) * out[1] + (cell.columns - 1)
        func row(_ m: ConvolutionMatrix, _ i: Int) -> Tensor {
            let n = m.inputShape[0] * m.inputShape[1]
            return Tensor(vector: (0..<n).map { m.matrix[i, $0] })
        }
        let expected = row(matrix, index)
        var mistakes: [KnownMistake] = []
        let flipped = Tensor(shape: kernel.shape, scalars: kernel.scalars.reversed())
        if flipped != kernel, let m = try? build(flipped) {
            mistakes.append(KnownMistake(name: "kernel flipped (a true convolution)", answer: .matrix(row(m, index))))
        }
        if kernel.transposed != kernel, kernel.shape[0] == kernel.shape[1], let m = try? build(kernel.transposed) {
            mistakes.append(KnownMistake(name: "kernel transposed", answer: .matrix(row(m, index))))
        }
        for neighbour in [index - 1, index + 1] where neighbour >= 0 && neighbour < out[0] * out[1] {
            let r = row(matrix, neighbour)
            if r != expected { mistakes.append(KnownMistake(name: "the row of output cell \(Notation.index(neighbour / out[1], neighbour % out[1])) (its neighbour)", answer: .matrix(r))) }
        }
        let entries = matrix.rows[index].entries
        let cellWorking = (0..<expected.count).map { j -> String in
            let label = "M" + Notation.index(index, j) + " (input cell " + Notation.index(j / size.columns, j % size.columns) + ")"
            if let e = entries.first(where: { $0.column == j }) {
                return label + " = w" + Notation.index(e.kernelRow, e.kernelColumn) + " = " + Notation.number(e.weight)
            }
            return label + " = 0 (outside the window of output cell " + Notation.index(index / out[1], index % out[1]) + ")"
        }
        return PreparedQuestion(
            sheet: ["input \(size.rows)×\(size.columns), flattened row by row into x (\(Counted.of(size.rows * size.columns, "entry", plural: "entries")))",
                    "kernel (\(Notation.shape(kernel.shape))): " + Notation.inlineMatrix(kernel),
                    "padding \(padding), stride \(stride), dilation \(dilation)",
                    "asked: the row of M that computes output cell " + Notation.index(cell.rows - 1, cell.columns - 1)],
            expected: .matrix(expected),
            working: entries.map { "column \($0.column + 1) (input cell " + Notation.index($0.inputRow, $0.inputColumn) + "): w" + Notation.index($0.kernelRow, $0.kernelColumn) + " = " + Notation.number($0.weight) },
            mistakes: mistakes, cellWorking: cellWorking,
            answerFormat: "a list of \(Counted.of(size.rows * size.columns, "number")), one per input cell (row by row), zeros included")
    }
}
