import Foundation

/// A table of numbers as a page prints it: each value cut to a few decimals, by rounding
/// or by truncation. Checking it against the exact values says which the page did.
public struct PrintedTable: Equatable, Sendable, Codable {
    /// The values as printed.
    public var values: Tensor
    /// The number of decimals printed (the most any cell shows).
    public var decimals: Int

    /// Creates a table from its values and the decimals they were printed with.
    public init(values: Tensor, decimals: Int) {
        self.values = values
        self.decimals = decimals
    }

    /// Parses a matrix literal such as `"1.4 5.8 4.3; 6.8 11.4 12.3"`; the decimals are the most any number shows.
    public static func parse(_ text: String) throws -> PrintedTable {
        let values = try MatrixLiteral.parse(text)
        let fields = text.split { $0 == " " || $0 == "," || $0 == "\t" || $0 == ";" || $0 == "\n" || $0 == "\r" }
        let decimals = fields.map { field -> Int in
            let mantissa = field.split { $0 == "e" || $0 == "E" }.first ?? field
            guard let dot = mantissa.firstIndex(of: ".") else { return 0 }
            return mantissa.distance(from: mantissa.index(after: dot), to: mantissa.endIndex)
        }.max() ?? 0
        return PrintedTable(values: values, decimals: decimals)
    }

    /// Compares the printed values with `exact`, cell by cell, both ways of cutting decimals.
    public func check(against exact: Tensor, name: String = "y") -> PrintedTableCheck {
        guard values.shape == exact.shape, exact.rank == 2 else {
            return PrintedTableCheck(verdict: .wrongShape, decimals: decimals, cells: [],
                                     sentence: "The stated table is \(Notation.shape(values.shape)) but the output is \(Notation.shape(exact.shape)).")
        }
        var cells: [PrintedTableCell] = []
        for r in 0..<exact.rows {
            for c in 0..<exact.columns {
                cells.append(PrintedTableCell(row: r, column: c, exact: exact[r, c], printed: values[r, c],
                                              rounded: Notation.rounded(exact[r, c], decimals: decimals),
                                              truncated: Notation.truncated(exact[r, c], decimals: decimals)))
            }
        }
        let places = "\(decimals) \(Counted.noun(decimals, "decimal"))"
        func describe(_ cell: PrintedTableCell) -> String {
            "\(name)\(Notation.index(cell.row, cell.column)) = \(Notation.number(cell.exact, decimals: decimals + 3)) is printed \(Notation.fixed(cell.printed, decimals: decimals)); rounded it is \(Notation.fixed(cell.rounded, decimals: decimals)), truncated \(Notation.fixed(cell.truncated, decimals: decimals))"
        }
        if cells.allSatisfy(\.isRounded) {
            return PrintedTableCheck(verdict: .rounded, decimals: decimals, cells: cells,
                                     sentence: "The stated table is the output rounded to \(places).")
        }
        if cells.allSatisfy(\.isTruncated) {
            let telling = cells.filter { !$0.isRounded }.map(describe)
            return PrintedTableCheck(verdict: .truncated, decimals: decimals, cells: cells,
                                     sentence: "The stated table was truncated to \(places), not rounded: " + telling.joined(separator: "; ") + ".")
        }
        let wrong = cells.filter { !$0.isRounded && !$0.isTruncated }.map(describe)
        return PrintedTableCheck(verdict: .neither, decimals: decimals, cells: cells,
                                 sentence: "The stated table is neither the output rounded nor truncated to \(places): " + wrong.joined(separator: "; ") + ".")
    }
}

/// What a printed table turned out to be.
public struct PrintedTableCheck: Equatable, Sendable, Codable {
    /// Rounded, truncated (and not all rounded), neither, or of the wrong shape.
    public enum Verdict: String, Equatable, Sendable, Codable {
        case rounded, truncated, neither, wrongShape
    }
    /// The verdict.
    public var verdict: Verdict
    /// The decimals the table prints.
    public var decimals: Int
    /// Every cell with its exact, printed, rounded and truncated value.
    public var cells: [PrintedTableCell]
    /// The verdict in one sentence, naming the cells that tell rounding from truncation.
    public var sentence: String
}

/// One cell of a printed table next to the exact value.
public struct PrintedTableCell: Equatable, Sendable, Codable {
    /// The cell, 0-based.
    public var row: Int
    public var column: Int
    /// The exact value, the printed one, and the exact value rounded and truncated to the table's decimals.
    public var exact: Double
    public var printed: Double
    public var rounded: Double
    public var truncated: Double

    /// Whether the printed value is the rounded one.
    public var isRounded: Bool { agree(printed, rounded) }
    /// Whether the printed value is the truncated one.
    public var isTruncated: Bool { agree(printed, truncated) }
}
