/// A worked sum a lesson file states for one output cell (0-based).
public struct StatedCell: Equatable, Sendable, Codable {
    public var row: Int
    public var column: Int
    public var sum: StatedSum
    public init(row: Int, column: Int, sum: StatedSum) { self.row = row; self.column = column; self.sum = sum }
}

extension ConvolutionTrace {
    /// Compares what a lesson states with what was recomputed.
    ///
    /// - A stated kernel (the table a slide prints) is compared weight by weight with the
    ///   kernel the run used; a differing weight is reported once, with the first output
    ///   cell the printed weight would change.
    /// - A stated output matrix is compared cell by cell; a mismatching cell lists its terms.
    ///   A cell that also has a stated worked sum is reported once, with the sum.
    /// - A stated worked sum is compared term by term: an input that is not the window's,
    ///   a weight that is not the kernel's, terms that do not add up to the stated value,
    ///   and a stated value that is not the recomputed one are each reported.
    public func check(statedOutput: Tensor?, statedKernel: Tensor? = nil, statedCells: [StatedCell] = [],
                      tolerance: Double = 1e-9) -> [Mismatch] {
        var mismatches: [Mismatch] = []
        if let statedKernel {
            mismatches += compareMatrices(stated: statedKernel, recomputed: kernel, name: "kernel",
                                          tolerance: tolerance) { r, c in
                explainKernelDifference(row: r, column: c, stated: statedKernel)
            }
        }
        if let statedOutput {
            // A cell whose worked sum states the same value is reported with that sum below.
            let coveredBySum = Set(statedCells.filter { cell in
                statedOutput.rank == 2 && cell.row < statedOutput.rows && cell.column < statedOutput.columns
                    && agree(cell.sum.value, statedOutput[cell.row, cell.column], absolute: tolerance)
            }.map { "z" + Notation.index($0.row, $0.column) })
            mismatches += compareMatrices(stated: statedOutput, recomputed: output, tolerance: tolerance) { r, c in
                ["recomputed: " + step(row: r, column: c).text]
            }.filter { !coveredBySum.contains($0.subject) }
        }
        for cell in statedCells {
            guard (0..<output.shape[0]).contains(cell.row), (0..<output.shape[1]).contains(cell.column) else {
                mismatches.append(Mismatch(subject: "z" + Notation.index(cell.row, cell.column), stated: "a worked sum",
                                           recomputed: "no such cell in a \(Notation.shape(output.shape)) output"))
                continue
            }
            mismatches += check(cell, tolerance: tolerance)
        }
        return mismatches
    }

    /// Explains a stated kernel weight that differs from the one used: what the worked
    /// output would become with the stated weight, at the first cell it changes.
    private func explainKernelDifference(row: Int, column: Int, stated: Tensor) -> [String] {
        var details = ["the run uses \(Notation.number(kernel[row, column])) at kernel\(Notation.index(row, column)); the table states \(Notation.number(stated[row, column]))"]
        let alternative = Conv2D(kernel: stated, bias: bias, padding: padding, stride: stride, dilation: dilation, mode: mode,
                                 extraPadding: extraPadding ?? Pair2(0))
        if let other = try? alternative.forward(input),
           let changed = other.steps.first(where: { !agree($0.value, step(row: $0.row, column: $0.column).value) }) {
            details.append("with the stated kernel, \(changed.label) would be \(Notation.number(changed.value)), not \(Notation.number(step(row: changed.row, column: changed.column).value))")
        }
        return details
    }

    private func check(_ cell: StatedCell, tolerance: Double) -> [Mismatch] {
        let step = step(row: cell.row, column: cell.column)
        var details: [String] = []
        if cell.sum.products.count != step.terms.count {
            details.append("the stated sum has \(cell.sum.products.count) products, the window has \(step.terms.count)")
        } else {
            for (n, (stated, term)) in zip(cell.sum.products, step.terms).enumerated() {
                let place = Notation.index(term.kernelRow, term.kernelColumn)
                if !agree(stated.weight, term.weight, absolute: tolerance) {
                    details.append("term \(n + 1) uses weight \(Notation.number(stated.weight)) where the kernel has \(Notation.number(term.weight)) at \(place)")
                }
                if !agree(stated.input, term.input, absolute: tolerance) {
                    details.append("term \(n + 1) uses input \(Notation.number(stated.input)) where the window has \(Notation.number(term.input)) at \(Notation.index(term.paddedRow - padding.rows, term.paddedColumn - padding.columns))")
                }
            }
        }
        if !agree(cell.sum.sumOfTerms, cell.sum.value, absolute: tolerance) {
            details.append("the stated terms add up to \(Notation.number(cell.sum.sumOfTerms)), not \(Notation.number(cell.sum.value))")
        }
        let valueDiffers = !agree(cell.sum.value, step.value, absolute: tolerance)
        guard valueDiffers || !details.isEmpty else { return [] }
        let stated = Notation.sumOfProducts(cell.sum.products.map { ($0.input, $0.weight) }, bias: cell.sum.bias,
                                            result: cell.sum.value)
        return [Mismatch(subject: step.label + " (worked sum)", stated: Notation.number(cell.sum.value),
                         recomputed: Notation.number(step.value),
                         details: ["stated:     " + stated, "recomputed: " + step.sumText] + details)]
    }
}
