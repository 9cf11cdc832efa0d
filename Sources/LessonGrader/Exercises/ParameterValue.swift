import LessonLibrary

/// A parameter of a question as the exercise file writes it: text, a list or a mapping.
/// Ranges (`{range: [3, 7]}`) are drawn into plain values before a question kind reads them.
public indirect enum ParameterValue: Equatable, Hashable, Sendable {
    case scalar(String)
    case list([ParameterValue])
    case map([String: ParameterValue])

    /// Copies a YAML node into a plain value.
    static func from(_ yaml: YAMLValue) throws -> ParameterValue {
        if yaml.isMapping {
            var out: [String: ParameterValue] = [:]
            for (key, value) in try yaml.entries() { out[key] = try from(value) }
            return .map(out)
        }
        if let text = try? yaml.string() { return .scalar(text) }
        return .list(try yaml.items().map(from))
    }

    /// The value as the exercise writes it, for sheets and errors.
    public var text: String {
        switch self {
        case .scalar(let s): return s
        case .list(let items): return "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .map(let entries): return "{" + entries.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.text)" }.joined(separator: ", ") + "}"
        }
    }
}
