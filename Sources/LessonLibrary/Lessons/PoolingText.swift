import LessonCore

/// The step-by-step text of a pooling run, read from its traces.
enum PoolingText {
    static func describe(_ trace: PoolingTrace, backward: PoolingBackwardTrace?, tableCheck: PrintedTableCheck?,
                         example: PoolingLesson.Example, heading: LessonHeading, mismatches: [Mismatch]) -> String {
        let d = example.decimals
        var lines: [String] = []
        lines += heading.lines
        lines.append("Operation: \(trace.settings).")
        if example.samePadding {
            lines += SamePadding.lines(SamePadding.rowsAndColumns(input: trace.input.shape, kernel: [trace.size.rows, trace.size.columns],
                                                                  stride: trace.stride, dilation: Pair2(1)))
        }
        // A nonzero value those decimals would round to 0 keeps its first two significant digits (`keepSmall`).
        let tensors = [trace.input, trace.output] + [backward?.upstream, backward?.gradient].compactMap { $0 }
        let keepsSmall = tensors.contains { $0.scalars.contains { Notation.number($0, decimals: d, keepSmall: true) != Notation.number($0, decimals: d) } }
        lines.append("Values are printed with at most \(d) \(Counted.noun(d, "decimal")), rounded"
                     + (keepsSmall ? " (one that would read 0 with its first two significant digits)" : "") + "; --json gives them exactly.")
        lines.append("")
        lines.append("input x (\(Notation.shape(trace.input.shape))):")
        lines.append(Notation.matrix(trace.input, decimals: d, keepSmall: true))
        let padded = trace.padding != Pair2(0) || trace.extraPadding != nil
        if padded {
            let meaning = trace.op == .avg ? (trace.countIncludePad ? "adds 0 and counts in the divisor" : "adds 0 and is not counted")
                                           : "never wins"
            if trace.ceilMode == true, let extra = trace.extraPadding {
                func count(_ k: Int, _ word: String) -> String? { k == 0 ? nil : "\(k) \(Counted.noun(k, word))" }
                let parts = [count(extra.rows, "row"), count(extra.columns, "column")].compactMap { $0 }
                let reach = "the \(parts.joined(separator: " and ")) past it that the last windows reach, written ·"
                lines.append("input with padding \(trace.padding) and \(reach) (\(Notation.shape(trace.paddedShape))); a · \(trace.op == .avg ? "adds 0 and is never counted" : "never wins")"
                             + (trace.padding == Pair2(0) ? ":" : ", a padded cell \(meaning):"))
            } else {
                let amount = trace.extraPadding.map { extra in
                    "\(trace.padding) before and \(Pair2(rows: trace.padding.rows + extra.rows, columns: trace.padding.columns + extra.columns)) after"
                } ?? "\(trace.padding)"
                lines.append("input with padding \(amount) (\(Notation.shape(trace.paddedShape))); a padded cell \(meaning):")
            }
            lines.append(paddedMatrix(trace, decimals: d))
        }
        lines.append("")
        lines.append("Step by step (indices 1-based; window rows and columns in input coordinates"
                     + (trace.extraPadding != nil ? ", outside 1 to n is padding):" : padded ? ", 0 and n + 1 are padding):" : "):"))
        for step in trace.steps {
            lines.append("\(step.label): window \(step.windowText)")
            lines.append("  " + step.text(op: trace.op, decimals: d))
        }
        if trace.op.picksOneElement {
            lines.append("")
            if trace.hasTies {
                lines.append("Ties: \(PoolingTrace.tieRule).")
            } else {
                lines.append("No window has a tie; had one, \(PoolingTrace.tieRule).")
            }
        }
        lines.append("")
        lines.append("output y (\(Notation.shape(trace.output.shape))):")
        lines.append(Notation.matrix(trace.output, decimals: d, keepSmall: true))
        lines.append("")
        lines.append("Output size: \(trace.sizeFormula)")
        if trace.axesAlike {
            lines.append("  rows and columns: " + trace.sizeFilledIn(0))
        } else {
            lines.append("  rows:    " + trace.sizeFilledIn(0))
            lines.append("  columns: " + trace.sizeFilledIn(1))
        }
        if let backward { lines += describe(backward, decimals: d) }
        let checked = (example.statedOutput == nil ? 0 : 1) + (example.statedGradient == nil ? 0 : 1)
        if checked > 0 || tableCheck != nil {
            lines.append("")
            if mismatches.isEmpty {
                var parts: [String] = []
                if let output = example.statedOutput { parts.append("the stated output (\(output.count) \(Counted.noun(output.count, "cell")))") }
                if let gradient = example.statedGradient { parts.append("the stated gradient (\(gradient.count) \(Counted.noun(gradient.count, "cell")))") }
                if let table = example.statedTable, tableCheck?.verdict != .neither {
                    parts.append("the stated table (\(table.decimals) \(Counted.noun(table.decimals, "decimal")))")
                }
                lines.append("Checked against the lesson file: \(parts.joined(separator: " and ")) \(parts.count == 1 ? "agrees" : "agree") with the recomputation.")
            } else {
                lines.append("\(mismatches.count) \(Counted.noun(mismatches.count, "mismatch", plural: "mismatches")) between the lesson file and the recomputation:")
                for mismatch in mismatches { lines.append("  " + mismatch.description.replacingOccurrences(of: "\n", with: "\n  ")) }
            }
            if let tableCheck, tableCheck.verdict == .rounded || tableCheck.verdict == .truncated {
                lines.append("Note: " + tableCheck.sentence)
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ backward: PoolingBackwardTrace, decimals d: Int) -> [String] {
        var lines = ["", "Backward: the upstream gradient ∂L/∂y (\(Notation.shape(backward.upstream.shape))):"]
        lines.append(Notation.matrix(backward.upstream, decimals: d, keepSmall: true))
        switch backward.op {
        case .max, .min:
            lines.append("Each ∂L/∂y[i,j] goes whole to the element that won window [i,j] (the \(backward.op.rawValue) is that element, so its derivative is 1 there and 0 elsewhere); windows that overlap add up.")
        case .avg:
            lines.append("Each ∂L/∂y[i,j] is shared evenly by the cells the average divided by (∂y/∂x = 1/count for each); windows that overlap add up.")
        }
        for step in backward.steps { lines.append("  " + step.text(decimals: d)) }
        let shared = backward.accumulations.filter { $0.contributions.count > 1 }
        if !shared.isEmpty {
            lines.append("Cells reached from more than one window add their contributions:")
            for cell in shared { lines.append("  " + cell.text(decimals: d)) }
        }
        lines.append("input gradient ∂L/∂x (\(Notation.shape(backward.gradient.shape))):")
        lines.append(Notation.matrix(backward.gradient, decimals: d, keepSmall: true))
        var sums = "Sums: Σ ∂L/∂y = \(Notation.number(backward.upstreamSum, decimals: d, keepSmall: true)), Σ ∂L/∂x = \(Notation.number(backward.gradientSum, decimals: d, keepSmall: true))"
        if backward.droppedOnPadding != 0 {
            sums += ", and \(Notation.number(backward.droppedOnPadding, decimals: d, keepSmall: true)) fell on padded cells and was dropped"
        } else {
            sums += ": nothing is lost"
        }
        lines.append(sums + ".")
        return lines
    }

    /// The padded input as text, padding written as the symbol it stands for (−∞, 0, ∞).
    private static func paddedMatrix(_ trace: PoolingTrace, decimals: Int) -> String {
        let shape = trace.paddedShape
        let cells: [[String]] = (0..<shape[0]).map { r in
            (0..<shape[1]).map { c in
                switch trace.paddedCell(row: r, column: c) {
                case .input(let row, let column): return Notation.number(trace.input[row, column], decimals: decimals, keepSmall: true)
                case .padding: return trace.op.paddingSymbol
                case .beyond: return "·"
                }
            }
        }
        let width = cells.flatMap { $0 }.map(\.count).max() ?? 0
        return cells.map { row in
            "  " + row.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
