/// How one output cell of a pooling was computed: its window, and the winner or the mean.
public struct PoolingStep: Equatable, Sendable, Codable {
    /// The output row, 0-based.
    public var row: Int
    /// The output column, 0-based.
    public var column: Int
    /// The window's cells in row-major order, padding included.
    public var cells: [PoolingCell]
    /// For max and min: the index in `cells` of the element that won.
    public var winner: Int?
    /// For max and min: the indices of other input cells holding the same value (they lost the tie).
    public var ties: [Int]
    /// For average: the sum of the window's input cells (padding adds 0).
    public var sum: Double?
    /// For average: what the sum was divided by.
    public var count: Int?
    /// The output value.
    public var value: Double

    /// The cell that won a max or min.
    public var winnerCell: PoolingCell? { winner.map { cells[$0] } }

    /// The name of the output cell: `y[1,1]`.
    public var label: String { "y" + Notation.index(row, column) }

    /// The window's first and last rows in input coordinates (0-based; −1 is padding).
    public var windowRows: ClosedRange<Int> { (cells.first?.row ?? 0)...(cells.last?.row ?? 0) }
    /// The window's first and last columns in input coordinates (0-based; −1 is padding).
    public var windowColumns: ClosedRange<Int> { (cells.first?.column ?? 0)...(cells.last?.column ?? 0) }

    /// The window in words, 1-based input coordinates (0 and n + 1 are padding): `rows 1–2, columns 3–4`.
    public var windowText: String {
        "rows \(Notation.span(windowRows)), columns \(Notation.span(windowColumns))"
    }

    /// The computation written out with `decimals` decimals (rounded; a value they would write 0,
    /// but 10⁻⁹ or more, with its first two significant digits, `Notation.number(_:decimals:keepSmall:)`):
    /// `max(3, 0, 0, 1) = 3` or `(−2 + (−23) + … + (−15))/9 = 13/9 ≈ 1.444`.
    public func formula(op: PoolingOp, decimals: Int = 4) -> String {
        let result = Notation.number(value, decimals: decimals, keepSmall: true)
        let approx = Notation.isExact(value, decimals: decimals, keepSmall: true) ? " = " : " ≈ "
        switch op {
        case .max, .min:
            let values = cells.map { $0.isPadding ? op.paddingSymbol : Notation.number($0.value, decimals: decimals, keepSmall: true) }
            return "\(op.rawValue)(\(values.joined(separator: ", "))) = \(result)"
        case .avg:
            let divisor = count ?? cells.count
            // Padding shows as 0 when it counts in the divisor, and is left out when it does not.
            let counted = divisor == cells.count ? cells : cells.filter { !$0.isPadding }
            // The first term needs no parentheses: `(−2 + (−23) + 6)/3`.
            let terms = counted.enumerated().map { index, cell in
                cell.isPadding ? "0" : index == 0 ? Notation.number(cell.value, decimals: decimals, keepSmall: true)
                                                  : Notation.factor(cell.value, decimals: decimals, keepSmall: true)
            }
            let total = sum ?? 0
            var text = "(\(terms.joined(separator: " + ")))/\(divisor)"
            if divisor > 1 {
                let sumText = Notation.number(total, decimals: decimals, keepSmall: true)
                text += (Notation.isExact(total, decimals: decimals, keepSmall: true) ? " = " : " ≈ ") + "\(sumText)/\(divisor)"
            }
            return text + approx + result
        }
    }

    /// The full line: `y[1,1] = max(3, 0, 0, 1) = 3, from x[1,1]`, with a tie and how it was broken,
    /// or how many padded cells an average counted as 0.
    public func text(op: PoolingOp, decimals: Int = 4) -> String {
        var line = label + " = " + formula(op: op, decimals: decimals)
        if let cell = winnerCell {
            line += ", from x" + Notation.index(cell.row, cell.column)
            if !ties.isEmpty {
                let others = ties.map { "x" + Notation.index(cells[$0].row, cells[$0].column) }
                line += " (tied with \(others.joined(separator: ", ")); the first in row-major window order wins, as in PyTorch)"
            }
        } else if let count, count != cells.filter({ !$0.isPadding }).count {
            let padded = count - cells.filter { !$0.isPadding }.count
            line += padded == 1 ? " (the padded cell counts as 0)" : " (the \(padded) padded cells count as 0)"
        }
        return line
    }

    /// The stored fields (a nil one left out), plus `label`.
    public func encode(to encoder: Encoder) throws {
        try encoder.encodeFields(["row": row, "column": column, "label": label, "cells": cells, "winner": winner,
                                  "ties": ties, "sum": sum, "count": count, "value": value])
    }
}

/// One cell of a pooling window.
public struct PoolingCell: Equatable, Sendable, Codable {
    /// Where the cell is in the input, 0-based; −1 or n for padding.
    public var row: Int
    public var column: Int
    /// The input value (0 for padding, which never wins a max or min and adds 0 to an average).
    public var value: Double
    /// Whether the cell is padding rather than a cell of the input.
    public var isPadding: Bool

}
