import Foundation
import LessonCore

/// A CSV file read into rows of fields (RFC 4180: fields separated by commas, or by
/// semicolons or tabs when the header has more of them, quoted with `"` and `""` inside
/// quotes, lines ending in LF or CRLF). A UTF-8 byte-order mark is dropped.
///
/// Written here because no CSV package is reachable from the build; it reads only the
/// rosters that Canvas and Moodle export, and its errors name the file and the line.
public struct CSVTable: Sendable, Equatable {
    /// The header's fields, trimmed.
    public var header: [String]
    /// The rows after the header, each padded or cut to the header's length.
    public var rows: [[String]]

    /// Parses `text`; `file` names it in errors.
    public init(_ text: String, file: String) throws {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r" }
        let counts: [(Character, Int)] = [",", ";", "\t"].map { c in (c, firstLine.filter { $0 == c }.count) }
        let separator = counts.max { $0.1 < $1.1 }.map { $0.1 > 0 ? $0.0 : "," } ?? ","
        var records: [[String]] = []
        var field = ""
        var record: [String] = []
        var quoted = false
        var line = 1
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    let after = next()
                    if after == "\"" { field.append("\"") } else { quoted = false; pending = after }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where field.isEmpty: quoted = true
            case separator: record.append(field); field = ""
            case "\r", "\n", "\r\n":  // a Character: "\r\n" is one grapheme
                record.append(field); field = ""
                if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                record = []
                line += 1
            default: field.append(c)
            }
        }
        if quoted { throw InputError("\(file), line \(line): a quoted field is not closed; every \" that opens a field needs one that closes it") }
        record.append(field)
        if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
        guard let first = records.first else { throw InputError("\(file) is empty; expected a header line and one line per student") }
        header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = records.dropFirst().map { row in
            row.count >= first.count ? Array(row.prefix(first.count)) : row + Array(repeating: "", count: first.count - row.count)
        }
    }

    /// The index of the first column whose header is one of `names` (compared without case, spaces or underscores).
    public func column(_ names: [String]) -> Int? {
        let wanted = Set(names.map(Self.key))
        return header.firstIndex { wanted.contains(Self.key($0)) }
    }

    static func key(_ name: String) -> String {
        name.lowercased().filter { $0.isLetter || $0.isNumber }
    }
}
