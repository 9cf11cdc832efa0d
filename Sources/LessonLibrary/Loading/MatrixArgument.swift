import Foundation
import LessonCore

/// Reads a matrix given on the command line: a literal such as `"1 0 3; 0 3 4"`, or
/// `@path` for a text or CSV file holding one (one row per line).
public enum MatrixArgument {
    /// The largest matrix file read (4 MiB, far more than any figure can show).
    public static let maximumFileBytes = 4 * 1024 * 1024

    /// Parses `argument`; `option` names the option in errors (`--input`).
    public static func parse(_ argument: String, option: String) throws -> Tensor {
        if argument.hasPrefix("@") {
            let path = String(argument.dropFirst())
            let quoted = Excerpt.quote(path)
            let data: Data
            do { data = try RegularFile.read(path, maximumBytes: maximumFileBytes) } catch let error as InputError {
                throw error.located(in: "\(option) @\(quoted)")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw InputError("\(option) @\(quoted): the file '\(quoted)' is not UTF-8 text")
            }
            do { return try MatrixLiteral.parse(text) } catch let error as InputError {
                throw error.located(in: "\(option) @\(quoted) (file '\(quoted)')")
            }
        }
        do { return try MatrixLiteral.parse(argument) } catch let error as InputError {
            throw error.located(in: "\(option) \"\(Excerpt.quote(argument))\"")
        }
    }

    /// Parses a size per axis: `2` or `2,1` (rows, columns), also as PyTorch and Python write a
    /// tuple or list: `(2, 1)`, `[2, 1]`.
    public static func pair(_ argument: String, option: String) throws -> Pair2 {
        var text = argument.trimmingCharacters(in: .whitespaces)
        if let first = text.first, let last = text.last, (first, last) == ("(", ")") || (first, last) == ("[", "]") {
            text = String(text.dropFirst().dropLast())
        }
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "," || $0 == "x" || $0 == "×" }.map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.map { Int($0.replacingOccurrences(of: "\u{2212}", with: "-")) }
        if values.count == 1, let v = values[0] { return Pair2(v) }
        if values.count == 2, let r = values[0], let c = values[1] { return Pair2(rows: r, columns: c) }
        throw InputError("\(option) \(Excerpt.quote(argument)): expected a whole number, or two as rows,columns (such as 2,1)")
    }
}
