import Foundation

/// A value whose JSON is one flat object of numbers, integers, booleans, strings and arrays of
/// other records: the many small values of a big trace (a convolution's steps and terms).
/// `JSONStreamEncoder` writes an array of them straight into its buffer, without Codable's
/// containers, with the bytes `JSONEncoder` writes for the value's own `encode(to:)`.
///
/// To add one: list its keys as `JSONEncoder` writes them (snake case, sorted by UTF-8 bytes)
/// in `jsonKeys`, and its values in that order in `jsonValues`. An array holding a
/// number JSON cannot hold (∞, NaN) goes through `encode(to:)` instead, so the error and its
/// coding path stay `JSONEncoder`'s. `JSONStreamEncoderTests` compares the bytes with `JSONEncoder`'s.
protocol JSONRecord: Encodable {
    /// The keys, as written: snake case, sorted by their UTF-8 bytes.
    static var jsonKeys: JSONRecordKeys { get }
    /// The values, in the order of `jsonKeys`.
    var jsonValues: [JSONRecordValue] { get }
}

/// One value of a `JSONRecord`.
enum JSONRecordValue {
    case number(Double)
    case integer(Int)
    case flag(Bool)
    case text(String)
    /// A string made only when it is written (the finiteness check before never needs it).
    case derivedText(() -> String)
    case records(any JSONRecordArray)
}

/// The keys of a record type, quoted once.
final class JSONRecordKeys: Sendable {
    let names: [String]
    /// `"name"` as JSON bytes, for each name.
    let quoted: [[UInt8]]

    init(_ names: [String]) {
        precondition(zip(names, names.dropFirst()).allSatisfy { JSONText.precedes($0, $1) },
                     "the keys of a JSONRecord must be sorted by their UTF-8 bytes: \(names)")
        self.names = names
        quoted = names.map { name in
            var bytes: [UInt8] = []
            JSONText.appendString(name, to: &bytes)
            return bytes
        }
    }
}

/// An array of records, whatever their type (so a record can hold one, and `JSONStream` can
/// recognise one among the values it is given).
protocol JSONRecordArray {
    var count: Int { get }
    /// Whether every number in the records, nested ones included, is finite.
    var isFiniteJSON: Bool { get }
    /// Appends the array at `depth` (see `JSONRecordWriter`).
    func appendJSON(to writer: inout JSONRecordWriter, depth: Int)
    /// Appends the record at `index`, an element of the array at `depth - 1`, with the separator before it.
    func appendElement(_ index: Int, to writer: inout JSONRecordWriter, depth: Int)
}

extension Array: JSONRecordArray where Element: JSONRecord {
    var isFiniteJSON: Bool {
        allSatisfy { record in
            record.jsonValues.allSatisfy { value in
                switch value {
                case .number(let x): return x.isFinite
                case .records(let nested): return nested.isFiniteJSON
                case .integer, .flag, .text, .derivedText: return true
                }
            }
        }
    }

    func appendJSON(to writer: inout JSONRecordWriter, depth: Int) {
        writer.appendArray(self, depth: depth)
    }

    func appendElement(_ index: Int, to writer: inout JSONRecordWriter, depth: Int) {
        writer.separate(first: index == 0, depth: depth)
        writer.appendRecord(self[index], keys: Element.jsonKeys, depth: depth)
    }
}

/// Writes arrays of records as `JSONEncoder` does, pretty (two spaces, `" : "`) or compact, and
/// counts the bytes of layout it wrote (newlines, indentation and the spaces around `:`), which
/// is the difference between the pretty and the compact text.
struct JSONRecordWriter {
    let pretty: Bool
    var bytes: [UInt8]
    /// Bytes written only because the text is pretty.
    var layoutBytes = 0

    init(pretty: Bool, bytes: [UInt8]) {
        self.pretty = pretty
        self.bytes = bytes
    }

    /// An array at `depth`: `[`, each record at `depth + 1`, `]`.
    mutating func appendArray<Record: JSONRecord>(_ records: [Record], depth: Int) {
        open(UInt8(ascii: "["))
        for (n, record) in records.enumerated() {
            separate(first: n == 0, depth: depth + 1)
            appendRecord(record, keys: Record.jsonKeys, depth: depth + 1)
        }
        close(UInt8(ascii: "]"), depth: depth)
    }

    /// One record at `depth`: `{`, its keys and values, `}`.
    mutating func appendRecord<Record: JSONRecord>(_ record: Record, keys: JSONRecordKeys, depth: Int) {
        open(UInt8(ascii: "{"))
        let values = record.jsonValues
        precondition(values.count == keys.names.count, "\(Record.self) gave \(values.count) values for \(keys.names.count) keys")
        for (n, value) in values.enumerated() {
            separate(first: n == 0, depth: depth + 1)
            bytes.append(contentsOf: keys.quoted[n])
            if pretty {
                bytes.append(contentsOf: Self.prettyColon)
                layoutBytes += 2
            } else {
                bytes.append(UInt8(ascii: ":"))
            }
            switch value {
            case .number(let x): JSONText.appendNumber(x, to: &bytes)
            case .integer(let i): JSONText.appendInteger(i, to: &bytes)
            case .flag(let flag): bytes.append(contentsOf: flag ? Self.trueBytes : Self.falseBytes)
            case .text(let text): JSONText.appendString(text, to: &bytes)
            case .derivedText(let make): JSONText.appendString(make(), to: &bytes)
            case .records(let nested): nested.appendJSON(to: &self, depth: depth + 1)
            }
        }
        close(UInt8(ascii: "}"), depth: depth)
    }

    mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        if pretty {
            bytes.append(UInt8(ascii: "\n"))
            layoutBytes += 1
        }
    }

    /// Before an element of a container at `depth - 1`: a comma after the first, and the
    /// indentation of `depth` when pretty.
    mutating func separate(first: Bool, depth: Int) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        guard pretty else { return }
        if !first { bytes.append(UInt8(ascii: "\n")) }
        appendSpaces(2 * depth)
        layoutBytes += 2 * depth + (first ? 0 : 1)
    }

    mutating func close(_ bracket: UInt8, depth: Int) {
        if pretty {
            bytes.append(UInt8(ascii: "\n"))
            appendSpaces(2 * depth)
            layoutBytes += 1 + 2 * depth
        }
        bytes.append(bracket)
    }

    private mutating func appendSpaces(_ count: Int) {
        var left = count
        while left > 0 {
            let run = min(left, Self.spaces.count)
            bytes.append(contentsOf: Self.spaces[0..<run])
            left -= run
        }
    }

    private static let prettyColon = Array(" : ".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)
}
