import Foundation

/// Parses the matrix literals people type: `"1 0 3; 0 3 4"`.
///
/// Rows are separated by `;` or line breaks, numbers by spaces, tabs or commas (so a CSV
/// file is a literal too). Numbers may use the true minus sign `−`, decimals, exponents
/// and fractions such as `13/9`. Every row must have the same number of columns.
public enum MatrixLiteral {
    /// Parses `text` into a matrix, or throws an `InputError` that names the row and column.
    public static func parse(_ text: String) throws -> Tensor {
        var rows: [[Double]] = []
        let lines = text.split(omittingEmptySubsequences: false) { $0 == ";" || $0 == "\n" || $0 == "\r" }
        for line in lines {
            let fields = line.split { $0 == " " || $0 == "," || $0 == "\t" }
            if fields.isEmpty { continue }
            var row: [Double] = []
            for field in fields {
                guard let value = parseNumber(String(field)) else {
                    throw InputError("'\(field)' in row \(rows.count + 1), column \(row.count + 1) is not a number")
                }
                row.append(value)
            }
            if let first = rows.first, first.count != row.count {
                throw InputError("row \(rows.count + 1) has \(row.count) number\(row.count == 1 ? "" : "s") but row 1 has \(first.count); every row needs the same count")
            }
            rows.append(row)
        }
        guard !rows.isEmpty else {
            throw InputError("the matrix is empty; write rows of numbers separated by ';', such as \"1 0 3; 0 3 4\"")
        }
        return Tensor(rows: rows)
    }

    /// Parses one number: `-1`, `−1`, `2.5`, `1e-3`, `13/9`. Returns nil for anything else.
    public static func parseNumber(_ raw: String) -> Double? {
        let text = raw.replacingOccurrences(of: "\u{2212}", with: "-")
            .trimmingCharacters(in: .whitespaces)
        if let slash = text.firstIndex(of: "/") {
            guard let numerator = Double(text[..<slash]), let denominator = Double(text[text.index(after: slash)...]),
                  denominator != 0 else { return nil }
            return numerator / denominator
        }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}
