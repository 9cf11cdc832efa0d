/// Matrices written as NumPy and PyTorch print them: `[[1, 0, 3], [0, 3, 4]]`, or one row `[1, 0, 3]`.
extension MatrixLiteral {
    /// The rows of `text` when it is written with brackets, or nil when it does not start with `[`.
    ///
    /// Each row comes back as the text between its brackets, to be read like any other row; a
    /// comma after a row's last number (`[1, 2,]`) is dropped, as Python allows it. Throws when
    /// the brackets do not pair up, go deeper than a matrix's two levels, mix numbers and rows at
    /// one level, or are followed by more text.
    static func bracketedRows(_ text: Substring) throws -> [Substring]? {
        let start = text.firstIndex { !$0.isWhitespace }
        guard let start, text[start] == "[" else { return nil }
        var depth = 0, rows: [Substring] = [], rowStart = start, closed = false
        var outerNumbers = false, innerRows = false
        for index in text[start...].indices {
            let character = text[index]
            if closed {
                if !character.isWhitespace { throw InputError(.brackets("text follows the closing ']' of the matrix")) }
                continue
            }
            switch character {
            case "[":
                depth += 1
                if depth > 2 { throw InputError(.brackets("the brackets go \(depth) levels deep, and a matrix has 2")) }
                if depth == 2 {
                    if outerNumbers { throw InputError(.brackets("a number stands beside a row in brackets")) }
                    innerRows = true
                    rowStart = text.index(after: index)
                } else {
                    rowStart = text.index(after: index)
                }
            case "]":
                if depth == 2 { rows.append(trimmingTrailingComma(text[rowStart..<index])) }
                if depth == 1 {
                    if !innerRows { rows.append(trimmingTrailingComma(text[rowStart..<index])) }
                    closed = true
                }
                depth -= 1
            default:
                if depth == 1, !character.isWhitespace, character != "," {
                    if innerRows { throw InputError(.brackets("a number stands beside a row in brackets")) }
                    outerNumbers = true
                }
            }
        }
        guard closed else { throw InputError(.brackets("a '[' has no matching ']'")) }
        // Inside brackets every row is written out, the last one too: `[[1, 2], []]` misses numbers.
        let empty = rows.map { $0.allSatisfy { $0.isWhitespace || $0 == "," } }
        if let first = empty.firstIndex(of: true), empty.contains(false) {
            throw InputError(first == 0 ? .brackets("row 1 is empty") : .emptyRow(after: first))
        }
        return rows
    }

    /// `row` without one comma after its last number.
    private static func trimmingTrailingComma(_ row: Substring) -> Substring {
        var end = row.endIndex
        while end > row.startIndex, row[row.index(before: end)].isWhitespace { end = row.index(before: end) }
        if end > row.startIndex, row[row.index(before: end)] == "," { return row[..<row.index(before: end)] }
        return row
    }
}
