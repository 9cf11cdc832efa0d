/// A value read from an answer file (YAML or JSON) before it is interpreted as an answer.
/// Answers are data: they are only ever read as numbers, text and lists, never executed.
public indirect enum SubmittedValue: Equatable, Sendable, Decodable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case text(String)
    case list([SubmittedValue])
    case map([String: SubmittedValue])

    /// A JSON value. Each failed `decode` throws (and a thrown error is costly), so the kinds
    /// an answer file holds most are tried first; they exclude each other except a whole
    /// number, which is also a `Double` and is tried first so it stays whole.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let value = try? container.decode(Int.self) { self = .integer(value); return }
        if let value = try? container.decode(String.self) { self = .text(value); return }
        if let value = try? container.decode([String: SubmittedValue].self) { self = .map(value); return }
        if let value = try? container.decode([SubmittedValue].self) { self = .list(value); return }
        if let value = try? container.decode(Double.self) { self = .number(value); return }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        // Nothing fits (a number too large, such a number inside a mapping): the mapping's
        // error names the place.
        self = .map(try container.decode([String: SubmittedValue].self))
    }

    /// The value as a person wrote it, shortened, for feedback.
    public var text: String {
        let full: String
        switch self {
        case .null: full = "nothing"
        case .bool(let b): full = String(b)
        case .integer(let n): full = String(n)
        case .number(let x): full = String(x)
        case .text(let s): full = s
        case .list(let items): full = "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .map: full = "a mapping"
        }
        return full.count > 120 ? String(full.prefix(117)) + "…" : full
    }

    /// The text of a scalar, or nil for lists and mappings.
    var scalarText: String? {
        switch self {
        case .integer(let n): return String(n)
        case .number(let x): return String(x)
        case .text(let s): return s
        case .bool(let b): return String(b)
        default: return nil
        }
    }
}
