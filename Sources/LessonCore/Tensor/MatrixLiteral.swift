import Foundation

/// Parses the matrix literals people type: `"1 0 3; 0 3 4"`.
///
/// Rows are separated by `;` or line breaks (`\n`, `\r\n` or `\r`; a `;` that ends its line counts once), numbers by spaces, tabs
/// or commas (so a CSV file, Windows line ends and a leading UTF-8 byte-order mark included,
/// is a literal too). Numbers may use the true minus sign `−`, decimals, exponents and
/// fractions such as `13/9`. Every row must have the same number of columns. A NUL byte,
/// `nan`, `inf` and numbers beyond ±1.8·10³⁰⁸ are refused: every value must be finite.
/// A matrix may also be written as NumPy and PyTorch print one, `[[1, 0, 3], [0, 3, 4]]`, or a
/// single row as `[1, 0, 3]`. An empty place between two commas (`1,,2`) and an empty row
/// between two rows (`1 2;;3 4`, a blank line inside a file) are refused, not skipped.
public enum MatrixLiteral {
    /// Parses `text` into a matrix, or throws an `InputError` that names the row and column.
    public static func parse(_ text: String) throws -> Tensor {
        try refuseNUL(text)
        var rows: [[Double]] = []
        let body = text.hasPrefix("\u{FEFF}") ? Substring(text.dropFirst()) : Substring(text)
        // `isNewline` also matches "\r\n", which Swift reads as one character.
        let lines = try bracketedRows(body) ?? rowTexts(body)
        var emptyAfter: Int?
        for line in lines {
            let fields = try fields(of: line, row: rows.count + 1)
            if fields.isEmpty {
                if !rows.isEmpty { emptyAfter = emptyAfter ?? rows.count }
                continue
            }
            if let after = emptyAfter { throw InputError(.emptyRow(after: after)) }
            var row: [Double] = []
            for field in fields {
                row.append(try number(field, place: "in row \(rows.count + 1), column \(row.count + 1)"))
            }
            if let first = rows.first, first.count != row.count {
                throw InputError(.raggedRows(row: rows.count + 1, count: row.count, firstCount: first.count))
            }
            rows.append(row)
        }
        guard !rows.isEmpty else {
            throw InputError("the matrix is empty; write rows of numbers separated by ';', such as \"1 0 3; 0 3 4\"")
        }
        return Tensor(rows: rows)
    }

    /// The rows of a literal without brackets: lines split at each `;`, where a `;` that ends its
    /// line (as MATLAB rows are often written, `1 2;` then `3 4`) ends the row the line break would
    /// end anyway, rather than leaving an empty row between them.
    static func rowTexts(_ body: Substring) -> [Substring] {
        body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).flatMap { line -> [Substring] in
            var rows = line.split(separator: ";", omittingEmptySubsequences: false)
            if rows.count > 1, rows.last!.allSatisfy(\.isWhitespace) { rows.removeLast() }
            return rows
        }
    }

    /// Parses one number: `-1`, `−1`, `2.5`, `1e-3`, `13/9`. Returns nil for anything else,
    /// including `nan`, `inf` and values or quotients that overflow.
    public static func parseNumber(_ raw: String) -> Double? {
        try? number(raw)
    }

    /// The numbers of one row: separated by spaces, tabs (or line breaks inside brackets), or by commas with nothing or only
    /// spaces around them. Throws when two commas hold no number between them (`1,,2`).
    static func fields(of line: Substring, row: Int) throws -> [Substring] {
        func words(_ text: Substring) -> [Substring] { text.split { $0.isWhitespace } }
        let cells = line.split(separator: ",", omittingEmptySubsequences: false)
        if cells.count == 1 { return words(line) }
        var fields: [Substring] = []
        for cell in cells {
            let parts = words(cell)
            if parts.isEmpty { throw InputError(.emptyField(row: row, column: fields.count + 1)) }
            fields += parts
        }
        return fields
    }

    /// Parses one number like `parseNumber`, or throws one sentence that quotes at most
    /// ~80 characters of `raw`, escaped, and says why it is not a number; `place` (such as
    /// "in row 1, column 2") follows the quote.
    public static func number(_ raw: some StringProtocol, place: String? = nil) throws -> Double {
        switch read(raw) {
        case .success(let value): return value
        case .failure(let problem):
            throw InputError(.notANumber(text: String(raw), place: place, reason: problem))
        }
    }

    /// Why a piece of text is not a number.
    public enum NumberProblem: Error, Equatable, Sendable {
        case notANumber, notFinite, overflow, divisionByZero, nulByte

        /// The end of the sentence, after the quoted text.
        public var message: String {
            switch self {
            case .notANumber: "is not a number"
            case .notFinite: "is not a finite number; nan and inf are refused"
            case .overflow: "is not a number this tool can hold: it overflows beyond ±1.8e308"
            case .divisionByZero: "is not a number: it divides by zero"
            case .nulByte: "is not a number: it holds a NUL byte"
            }
        }
    }

    /// The value of `raw`, or why it has none.
    public static func read(_ raw: some StringProtocol) -> Result<Double, NumberProblem> {
        // Most numbers are plain ASCII ("3", "-0.25", "1e-3"): read at once, without the
        // Foundation string work below (a 224×224 input spent 0.3 s there). What this does not
        // read as a finite number takes the long way, which gives the problem.
        if raw.utf8.allSatisfy(isPlainNumberByte), let value = Double(raw), value.isFinite { return .success(value) }
        let text = raw.replacingOccurrences(of: "\u{2212}", with: "-").trimmingCharacters(in: .whitespaces)
        if text.contains("\0") { return .failure(.nulByte) }
        func plain(_ part: Substring) -> Result<Double, NumberProblem> {
            let lower = part.lowercased()
            if lower.contains("nan") || lower.contains("inf") { return .failure(.notFinite) }
            // `Double` also reads hexadecimal ("0x10" is 16, "0x1p3" is 8): not a number a person writes here.
            if lower.contains("x") { return .failure(.notANumber) }
            guard let value = Double(part) else { return .failure(.notANumber) }
            return value.isFinite ? .success(value) : .failure(.overflow)
        }
        guard let slash = text.firstIndex(of: "/") else { return plain(Substring(text)) }
        let numerator: Double, denominator: Double
        switch plain(text[..<slash]) { case .success(let v): numerator = v; case .failure(let p): return .failure(p) }
        switch plain(text[text.index(after: slash)...]) { case .success(let v): denominator = v; case .failure(let p): return .failure(p) }
        guard denominator != 0 else { return .failure(.divisionByZero) }
        let value = numerator / denominator
        return value.isFinite ? .success(value) : .failure(.overflow)
    }

    /// A digit, sign, point or exponent mark: the bytes of a number `Double` reads as written.
    private static func isPlainNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "e"), UInt8(ascii: "E"): return true
        default: return false
        }
    }

    /// Throws when `text` holds a NUL byte, which would otherwise cut a number short unseen.
    public static func refuseNUL(_ text: String) throws {
        if let index = text.unicodeScalars.firstIndex(of: "\0") {
            let offset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
            throw InputError("the text holds a NUL byte at character \(offset + 1); write plain text numbers")
        }
    }
}
