import Foundation
import LessonCore

/// Interprets a submitted value as an answer of the type a question expects.
///
/// Integers may carry thousands separators (`8,586`, `8 586`, `8_586`); numbers may use `−`
/// and fractions; matrices are a literal (`"2 5 -1; -15 -7 2"`) or a list of rows; shapes are
/// a list (`[11, 11, 8]`) or text (`11×11×8`, `11x11x8`, `(11, 11, 8)`); choices are the
/// option's key. A value that cannot be read throws an `InputError` saying what was expected.
public enum AnswerReader {
    /// Reads `value` as the same kind of answer as `expected`.
    public static func read(_ value: SubmittedValue, like expected: Answer) throws -> Answer {
        switch expected {
        case .integer: return .integer(try integer(value))
        case .number: return .number(try number(value))
        case .matrix(let m): return .matrix(try matrix(value, vector: m.rank == 1))
        case .shape: return .shape(try shape(value))
        case .choice: return .choice(try choice(value))
        }
    }

    static func integer(_ value: SubmittedValue) throws -> Int {
        switch value {
        case .integer(let n): return n
        case .number(let x) where x == x.rounded() && abs(x) < 1e15: return Int(x)
        case .text(let s):
            let cleaned = s.replacingOccurrences(of: "\u{2212}", with: "-")
                .filter { $0 != "," && $0 != "_" && $0 != " " && $0 != "\u{202F}" && $0 != "'" }
            if let n = Int(cleaned) { return n }
            if let x = Double(cleaned), x == x.rounded(), abs(x) < 1e15 { return Int(x) }
        default: break
        }
        throw InputError("'\(value.text)' is not a whole number")
    }

    static func number(_ value: SubmittedValue) throws -> Double {
        switch value {
        case .integer(let n): return Double(n)
        case .number(let x) where x.isFinite: return x
        case .text(let s):
            if let x = MatrixLiteral.parseNumber(s.replacingOccurrences(of: "_", with: "")) { return x }
        default: break
        }
        throw InputError("'\(value.text)' is not a number")
    }

    static func matrix(_ value: SubmittedValue, vector: Bool) throws -> Tensor {
        switch value {
        case .text(let s):
            let m = try MatrixLiteral.parse(s)
            return vector && m.rows == 1 ? m.reshaped([m.columns]) : m
        case .integer, .number:
            let x = try number(value)
            return vector ? Tensor(vector: [x]) : Tensor(rows: [[x]])
        case .list(let items):
            guard !items.isEmpty else { throw InputError("the matrix is empty") }
            if items.allSatisfy({ if case .list = $0 { return false } else { return true } }) {
                let numbers = try items.enumerated().map { index, item -> Double in
                    do { return try number(item) } catch { throw InputError("item \(index + 1), '\(item.text)', is not a number") }
                }
                return vector ? Tensor(vector: numbers) : Tensor(rows: [numbers])
            }
            var rows: [[Double]] = []
            for (r, item) in items.enumerated() {
                guard case .list(let cells) = item else { throw InputError("row \(r + 1) is not a list of numbers") }
                let row = try cells.enumerated().map { c, cell -> Double in
                    do { return try number(cell) } catch {
                        throw InputError("'\(cell.text)' in row \(r + 1), column \(c + 1) is not a number")
                    }
                }
                if let first = rows.first, first.count != row.count {
                    throw InputError(.raggedRows(row: r + 1, count: row.count, firstCount: first.count))
                }
                rows.append(row)
            }
            guard let first = rows.first, !first.isEmpty else { throw InputError("the matrix is empty") }
            return Tensor(rows: rows)
        default:
            throw InputError("expected a matrix such as \"2 5 -1; -15 -7 2\" or a list of rows")
        }
    }

    static func shape(_ value: SubmittedValue) throws -> [Int] {
        let parts: [SubmittedValue]
        switch value {
        case .list(let items): parts = items
        case .integer: parts = [value]
        case .text(let s):
            let separators = Set("x×X*,()[] ")
            parts = s.split { separators.contains($0) }.map { .text(String($0)) }
        default: parts = []
        }
        let sizes = try parts.map { part -> Int in
            guard let n = try? integer(part), n >= 0 else { throw InputError("'\(value.text)' is not a shape such as 11×11×8 or [11, 11, 8]") }
            return n
        }
        guard !sizes.isEmpty else { throw InputError("'\(value.text)' is not a shape such as 11×11×8 or [11, 11, 8]") }
        return sizes
    }

    static func choice(_ value: SubmittedValue) throws -> String {
        guard let text = value.scalarText?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            throw InputError("expected the key of one option, such as b")
        }
        return text.lowercased()
    }
}
