import Foundation
import LessonCore
import Yams

/// A node of a YAML file that knows where it is, so every error names the file, the line
/// and the key path ("lessons/conv2d.yaml, line 12 (variants.slide.kernel): …").
public struct YAMLValue {
    let node: Node
    /// The file the node came from, as the person would write its path.
    public let file: String
    /// The keys from the document root to this node, joined by dots.
    public let path: String

    /// Parses `text` as a YAML document; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> YAMLValue {
        let node: Node?
        do {
            try MatrixLiteral.refuseNUL(text)
        } catch let error as InputError {
            throw error.located(in: file)
        }
        do {
            // The basic resolver tags every scalar as text: the values are read by this type's
            // own readers (numbers by MatrixLiteral, booleans below), and Yams' default resolver
            // compiles its regular expressions (ICU) on first use and runs them on every key: about
            // 1 ms of each `lesson run` (perf, issue 15).
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw InputError("not valid YAML: \(Self.describe(error))").located(in: file)
        } catch {
            throw InputError("not valid YAML: \(error)").located(in: file)
        }
        guard let node else { throw InputError("the file is empty; expected a YAML mapping").located(in: file) }
        return YAMLValue(node: node, file: file, path: "")
    }

    /// The largest YAML file read (4 MiB).
    public static let maximumBytes = 4 * 1024 * 1024

    /// Reads and parses a YAML file.
    public static func load(_ url: URL, displayName: String? = nil) throws -> YAMLValue {
        let name = displayName ?? url.path
        let data: Data
        do { data = try RegularFile.read(url.path, maximumBytes: maximumBytes) } catch {
            throw InputError("\(name): the file cannot be read (\(FileManager.default.fileExists(atPath: url.path) ? "permission denied, not a regular file, or larger than \(maximumBytes / 1024 / 1024) MiB" : "no such file"))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError("the file is not UTF-8 text").located(in: name)
        }
        return try parse(text, file: name)
    }

    /// "file, line 12 (variants.slide.kernel)".
    public var location: String {
        var place = file
        if let mark = node.mark { place += ", line \(mark.line)" }
        if !path.isEmpty { place += " (\(path))" }
        return place
    }

    /// An error at this node: "<location>: <message>".
    /// Keys and values in the message are the file's own text: control characters are escaped.
    public func error(_ message: String) -> InputError {
        InputError(Excerpt.quote(message, limit: 400)).located(in: Excerpt.quote(location, limit: 200))
    }

    // MARK: Structure

    /// The value under `key` of a mapping, or nil when the key is absent.
    public subscript(key: String) -> YAMLValue? {
        guard let mapping = node.mapping else { return nil }
        for (k, v) in mapping where k.string == key {
            return YAMLValue(node: v, file: file, path: path.isEmpty ? key : path + "." + key)
        }
        return nil
    }

    /// The value under `key`, or an error saying it is missing and what it should hold.
    public func require(_ key: String, expected: String) throws -> YAMLValue {
        guard node.mapping != nil else { throw error("expected a mapping with the key '\(key)'") }
        guard let value = self[key] else { throw error("the key '\(key)' is missing; it should hold \(expected)") }
        return value
    }

    /// Whether this node is a mapping.
    public var isMapping: Bool { node.mapping != nil }

    /// The keys of a mapping, in file order.
    public var keys: [String] { node.mapping?.compactMap { $0.key.string } ?? [] }

    /// The entries of a mapping, in file order.
    public func entries() throws -> [(key: String, value: YAMLValue)] {
        guard let mapping = node.mapping else { throw error("expected a mapping of keys to values") }
        return mapping.map { k, v in
            let key = k.string ?? ""
            return (key, YAMLValue(node: v, file: file, path: path.isEmpty ? key : path + "." + key))
        }
    }

    /// The items of a sequence.
    public func items() throws -> [YAMLValue] {
        guard let sequence = node.sequence else { throw error("expected a list") }
        return sequence.enumerated().map { i, v in YAMLValue(node: v, file: file, path: "\(path)[\(i + 1)]") }
    }

    /// Throws if the mapping has a key that is not among `allowed` (catches typos).
    public func rejectUnknownKeys(allowed: [String]) throws {
        for key in keys where !allowed.contains(key) {
            let value = self[key]!
            throw value.error("unknown key '\(key)'; the keys allowed here are \(allowed.joined(separator: ", "))")
        }
    }

    // MARK: Scalars

    /// One of `T`'s names: `choice("mode", expected: "cross-correlation or convolution")`
    /// refuses any other word with "unknown mode 'x'; expected …".
    public func choice<T: RawRepresentable>(_ what: String, expected: String) throws -> T where T.RawValue == String {
        let name = try string()
        guard let value = T(rawValue: name) else { throw error("unknown \(what) '\(name)'; expected \(expected)") }
        return value
    }

    /// A string (any scalar, as written).
    public func string() throws -> String {
        guard let scalar = node.scalar else { throw error("expected text, found \(kind)") }
        return scalar.string
    }

    /// A whole number.
    public func int() throws -> Int {
        guard let text = node.scalar?.string, let value = Int(text.replacingOccurrences(of: "\u{2212}", with: "-")) else {
            throw error("expected a whole number, found \(found)")
        }
        return value
    }

    /// A number; accepts `−` and fractions such as `13/9`.
    public func double() throws -> Double {
        guard let text = node.scalar?.string else { throw error("expected a number, found \(found)") }
        switch MatrixLiteral.read(text) {
        case .success(let value): return value
        case .failure(.notANumber): throw error("expected a number, found \(found)")
        case .failure(let problem): throw error("expected a finite number, but '\(Excerpt.quote(text))' \(problem.message)")
        }
    }

    /// true or false (YAML 1.1's yes/no and on/off too, in any case; a quoted or `!!str` word is text).
    /// Yams reads it from the tag as written, so the basic resolver changes nothing here.
    public func bool() throws -> Bool {
        guard let value = node.bool else { throw error("expected true or false, found \(found)") }
        return value
    }

    /// A list of numbers: `[1, -2, 1]` or the literal `"1 -2 1"`.
    public func vector() throws -> [Double] {
        if let text = node.scalar?.string {
            do {
                let m = try MatrixLiteral.parse(text)
                guard m.rows == 1 else { throw error("expected one row of numbers, found \(m.rows) rows") }
                return m.scalars
            } catch let e as InputError { throw error(e.message) }
        }
        return try items().map { try $0.double() }
    }

    /// A matrix: the literal `"1 0 3; 0 3 4"` (or a block of lines), or a list of rows.
    public func matrix() throws -> Tensor {
        if let text = node.scalar?.string {
            do { return try MatrixLiteral.parse(text) } catch let e as InputError { throw error(e.message) }
        }
        let rows = try items()
        guard !rows.isEmpty else { throw error("the matrix is empty; expected rows of numbers") }
        var values: [[Double]] = []
        for row in rows {
            let numbers = try row.vector()
            if let first = values.first, first.count != numbers.count {
                throw row.error("this row has \(numbers.count) \(Counted.noun(numbers.count, "number")) but the first row has \(first.count); every row needs the same count")
            }
            values.append(numbers)
        }
        guard values[0].count > 0 else { throw error("the matrix is empty; expected rows of numbers") }
        return Tensor(rows: values)
    }

    /// A size per axis: `2` for both, or `[rows, columns]`.
    public func pair() throws -> Pair2 {
        if node.scalar != nil { return Pair2(try int()) }
        let values = try items()
        guard values.count == 2 else { throw error("expected one whole number or [rows, columns]") }
        return Pair2(rows: try values[0].int(), columns: try values[1].int())
    }

    /// A whole number within `range`; a value outside names this file and line, since the
    /// lesson would otherwise refuse it later without saying where it was written.
    public func int(in range: ClosedRange<Int>) throws -> Int {
        let value = try int()
        guard range.contains(value) else { throw error(Self.rangeText(value, range)) }
        return value
    }

    /// A size per axis (`pair()`) with both numbers within `range`.
    public func pair(in range: ClosedRange<Int>) throws -> Pair2 {
        let value = try pair()
        for v in [value.rows, value.columns] where !range.contains(v) { throw error(Self.rangeText(v, range)) }
        return value
    }

    private static func rangeText(_ value: Int, _ range: ClosedRange<Int>) -> String {
        "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(value)"
    }

    private var kind: String {
        if node.mapping != nil { return "a mapping" }
        if node.sequence != nil { return "a list" }
        return "a value"
    }

    private var found: String {
        if let s = node.scalar?.string { return "'\(Excerpt.quote(s))'" }
        return kind
    }

    private static func describe(_ error: YamlError) -> String {
        // YamlError's description carries "line:column: problem"; keep it as one sentence.
        Excerpt.quote(String(describing: error).replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "  ", with: " ").trimmingCharacters(in: .whitespaces), limit: 200)
    }
}
