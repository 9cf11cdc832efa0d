import Foundation
import LessonCore

/// The parameters of one question for one student (ranges already drawn), with typed
/// accessors whose errors name the exercise file, the question and the key.
public struct QuestionParameters: Sendable {
    /// The values by key.
    public let values: [String: ParameterValue]
    /// "exercises/conv-5x5.yaml, question 'full-output'", for errors.
    public let location: String

    /// Creates parameters from plain values.
    public init(values: [String: ParameterValue], location: String) {
        self.values = values
        self.location = location
    }

    /// An error about `key`: "<location>, key 'kernel': <message>".
    public func error(_ key: String, _ message: String) -> InputError {
        InputError("\(location), key '\(key)': \(message)")
    }

    /// The text of a scalar key, or nil when absent.
    public func optionalString(_ key: String) throws -> String? {
        guard let value = values[key] else { return nil }
        guard case .scalar(let text) = value else { throw error(key, "expected text, found \(value.text)") }
        return text
    }

    /// The text of a key that must be present.
    public func string(_ key: String, expected: String) throws -> String {
        guard let text = try optionalString(key) else { throw InputError("\(location): the key '\(key)' is missing; it should hold \(expected)") }
        return text
    }

    /// A whole number, or `fallback` when absent.
    public func int(_ key: String, default fallback: Int? = nil) throws -> Int {
        guard let text = try optionalString(key) else {
            if let fallback { return fallback }
            throw InputError("\(location): the key '\(key)' is missing; it should hold a whole number")
        }
        guard let value = Int(text.replacingOccurrences(of: "\u{2212}", with: "-")) else {
            throw error(key, "expected a whole number, found '\(text)'")
        }
        return value
    }

    /// A number, or `fallback` when absent.
    public func double(_ key: String, default fallback: Double? = nil) throws -> Double {
        guard let text = try optionalString(key) else {
            if let fallback { return fallback }
            throw InputError("\(location): the key '\(key)' is missing; it should hold a number")
        }
        guard let value = MatrixLiteral.parseNumber(text) else { throw error(key, "expected a number, found '\(text)'") }
        return value
    }

    /// true or false (YAML's yes/no and on/off too), or `fallback` when absent.
    public func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let text = try optionalString(key) else { return fallback }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "expected true or false, found '\(text)'")
        }
    }

    /// A matrix: a literal `"1 0 3; 0 3 4"` or a list of rows.
    public func matrix(_ key: String) throws -> Tensor {
        guard let value = values[key] else {
            throw InputError("\(location): the key '\(key)' is missing; it should hold a matrix such as \"1 0 3; 0 3 4\"")
        }
        do {
            switch value {
            case .scalar(let text): return try MatrixLiteral.parse(text)
            case .list(let rows):
                let text = rows.map { row -> String in
                    if case .list(let cells) = row { return cells.map(\.text).joined(separator: " ") }
                    return row.text
                }.joined(separator: ";")
                return try MatrixLiteral.parse(text)
            case .map: throw InputError("expected a matrix, found a mapping")
            }
        } catch let e as InputError { throw error(key, e.message) }
    }

    /// A size per axis: `2` or `[rows, columns]`, or `fallback` when absent.
    public func pair(_ key: String, default fallback: Pair2) throws -> Pair2 {
        guard let value = values[key] else { return fallback }
        switch value {
        case .scalar: return Pair2(try int(key))
        case .list(let items) where items.count == 2:
            guard case .scalar(let a) = items[0], case .scalar(let b) = items[1], let r = Int(a), let c = Int(b) else {
                throw error(key, "expected one whole number or [rows, columns]")
            }
            return Pair2(rows: r, columns: c)
        default: throw error(key, "expected one whole number or [rows, columns]")
        }
    }

    /// A list of texts (a model given as a list of words), or a single text.
    public func words(_ key: String) throws -> String? {
        guard let value = values[key] else { return nil }
        switch value {
        case .scalar(let text): return text
        case .list(let items): return items.map(\.text).joined(separator: " ")
        case .map: throw error(key, "expected text or a list, found a mapping")
        }
    }

    /// A mapping of keys to texts (the options of a choice question).
    public func textMap(_ key: String) throws -> [(key: String, text: String)] {
        guard let value = values[key] else { return [] }
        guard case .map(let entries) = value else { throw error(key, "expected a mapping such as {a: ..., b: ...}") }
        return try entries.keys.sorted().map { k in
            guard case .scalar(let text) = entries[k]! else { throw error(key, "option '\(k)' must be text") }
            return (k, text)
        }
    }
}
