import LessonCore
import Yams

/// Reads a YAML answer file into plain values, fast and safely.
///
/// The document is composed with Yams's basic resolver (no regular expressions per
/// scalar, no tags resolved into objects); plain scalars are read as whole numbers,
/// numbers, true/false or null where they look like one, quoted scalars stay text.
/// Aliases are followed, but at most `maximumValues` values are read, so an alias bomb
/// ("billion laughs") is an error, not a hang.
enum YAMLAnswers {
    /// The most values one answer file may hold after aliases are followed.
    static let maximumValues = 100_000

    static func parse(_ text: String) throws -> SubmittedValue {
        guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else { return .null }
        var budget = maximumValues
        return try convert(node, budget: &budget)
    }

    private static func convert(_ node: Node, budget: inout Int) throws -> SubmittedValue {
        budget -= 1
        if budget < 0 { throw InputError("holds more than \(maximumValues) values") }
        switch node {
        case .scalar(let scalar):
            return scalar.style == .plain ? plain(scalar.string) : .text(scalar.string)
        case .sequence(let sequence):
            var items: [SubmittedValue] = []
            items.reserveCapacity(sequence.count)
            for item in sequence { items.append(try convert(item, budget: &budget)) }
            return .list(items)
        case .mapping(let mapping):
            var entries: [String: SubmittedValue] = [:]
            for (key, value) in mapping {
                guard let name = key.scalar?.string else { throw InputError("has a key that is not text") }
                entries[name] = try convert(value, budget: &budget)
            }
            return .map(entries)
        case .alias:
            return .null
        }
    }

    private static func plain(_ text: String) -> SubmittedValue {
        if let n = Int(text) { return .integer(n) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let first = text.first, first.isNumber || first == "-" || first == "+" || first == ".",
           let x = Double(text), x.isFinite {
            return .number(x)
        }
        return .text(text)
    }
}
