/// A small, fast writer of pretty JSON (two-space indents), for reports of thousands of
/// students: callers write each object's keys in sorted order, so the bytes are the same
/// on every run. Numbers: whole values without a decimal point, others in Swift's shortest
/// round-trip form.
struct JSONOutput {
    var bytes: [UInt8] = []
    private var isFirst: [Bool] = []

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    /// A writer for a fragment that will sit `depth` levels deep (indented to match).
    init(depth: Int, capacity: Int) {
        bytes.reserveCapacity(capacity)
        isFirst = Array(repeating: false, count: depth)
    }

    /// A field holding an array of items already written as JSON fragments at this depth + 1.
    mutating func field(_ key: String, fragments: [[UInt8]]) {
        name(key)
        open(UInt8(ascii: "["))
        for fragment in fragments {
            separate()
            bytes.append(contentsOf: fragment)
        }
        close(UInt8(ascii: "]"))
    }

    // MARK: Containers

    /// Writes an object; `body` writes its fields.
    mutating func object(_ body: (inout JSONOutput) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    /// Writes an array of `count` items; `body` writes item `i` with one of the `item` methods.
    mutating func array(_ count: Int, _ body: (inout JSONOutput, Int) -> Void) {
        open(UInt8(ascii: "["))
        for i in 0..<count { body(&self, i) }
        close(UInt8(ascii: "]"))
    }

    // MARK: Fields of an object

    mutating func field(_ key: String, _ value: String?) {
        guard let value else { return }
        name(key); string(value)
    }

    mutating func field(_ key: String, _ value: Double) { name(key); number(value) }
    mutating func field(_ key: String, _ value: Int) { name(key); append(String(value)) }
    mutating func field(_ key: String, _ value: Bool) { name(key); append(value ? "true" : "false") }

    mutating func field(_ key: String, strings: [String]?) {
        guard let strings else { return }
        name(key)
        array(strings.count) { out, i in out.item(strings[i]) }
    }

    mutating func field(_ key: String, object body: (inout JSONOutput) -> Void) { name(key); object(body) }

    mutating func field(_ key: String, array count: Int, _ body: (inout JSONOutput, Int) -> Void) {
        name(key)
        array(count, body)
    }

    // MARK: Items of an array

    mutating func item(_ value: String) { separate(); string(value) }
    mutating func item(_ value: Int) { separate(); append(String(value)) }
    mutating func itemObject(_ body: (inout JSONOutput) -> Void) { separate(); object(body) }
    mutating func itemArray(_ count: Int, _ body: (inout JSONOutput, Int) -> Void) { separate(); array(count, body) }

    // MARK: Private

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        isFirst.append(true)
    }

    private mutating func close(_ bracket: UInt8) {
        let empty = isFirst.removeLast()
        if !empty { newline() }
        bytes.append(bracket)
    }

    /// The comma and line break before an item or a key.
    private mutating func separate() {
        guard !isFirst.isEmpty else { return }
        if isFirst[isFirst.count - 1] { isFirst[isFirst.count - 1] = false } else { bytes.append(UInt8(ascii: ",")) }
        newline()
    }

    private mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
        var spaces = 2 * isFirst.count
        while spaces > 0 {
            let run = min(spaces, Self.spaces.count)
            bytes.append(contentsOf: Self.spaces[0..<run])
            spaces -= run
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 32)

    private mutating func name(_ key: String) {
        separate()
        string(key)
        bytes.append(UInt8(ascii: ":"))
        bytes.append(0x20)
    }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func number(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            append(String(Int64(value)))
        } else if value.isFinite {
            append(String(value))
        } else {
            append("null")
        }
    }

    /// A JSON string: `"` and `\` escaped, line breaks and tabs as `\n`, `\r`, `\t`, other
    /// control characters as `\u00XX`; everything else (all of UTF-8 beyond ASCII) as it is.
    /// Runs without anything to escape are copied whole.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var i = 0
            while i < utf8.count {
                // Eight bytes at a time while none of them needs escaping (most text).
                if i + 8 <= utf8.count, let base = utf8.baseAddress,
                   !Self.needsEscaping(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let byte = utf8[i]
                i += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if start < i - 1 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<(i - 1)])) }
                escape(byte)
                start = i
            }
            if start < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether one of the eight bytes of `word` is a control character, `"` or `\` (exact:
    /// the classic tests for a zero byte and for a byte below n, on all eight lanes at once).
    private static func needsEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let below0x20 = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\""))), backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let zero = { (v: UInt64) in (v &- ones) & ~v & highs }
        return below0x20 | zero(quote) | zero(backslash) != 0
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
        case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
        case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Self.hexDigits
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
