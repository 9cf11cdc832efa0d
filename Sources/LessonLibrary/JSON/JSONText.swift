import Foundation

/// The pieces of JSON text, written exactly as Foundation's `JSONEncoder` writes them.
enum JSONText {
    /// A finite number as `JSONEncoder` writes it: Swift's shortest round-trip `description`
    /// without a trailing `.0` (`3`, `0.1`, `-0`, `1e-07`, `1e+20`).
    static func number(_ value: Double) -> String {
        var bytes: [UInt8] = []
        appendNumber(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text of `number(_:)`.
    static func appendNumber(_ value: Double, to bytes: inout [UInt8]) {
        // Whole numbers below 2⁵³ are the common case; `description` writes them as digits and ".0".
        if value == value.rounded(.towardZero), abs(value) < 9_007_199_254_740_992 {
            if value == 0, value.sign == .minus {
                bytes.append(UInt8(ascii: "-"))
                bytes.append(UInt8(ascii: "0"))
                return
            }
            appendInteger(Int(value), to: &bytes)
            return
        }
        appendWithoutPointZero(value.description, to: &bytes)
    }

    /// Appends `text`, less a trailing `.0`.
    private static func appendWithoutPointZero(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = text.utf8
        let start = bytes.count
        bytes.append(contentsOf: utf8)
        if bytes.count - start >= 2, bytes[bytes.count - 1] == UInt8(ascii: "0"), bytes[bytes.count - 2] == UInt8(ascii: ".") {
            bytes.removeLast(2)
        }
    }

    /// Appends the decimal digits of `value`, `-` first when negative.
    static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes: more than the 20 digits of UInt64.max
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                count += 1
                buffer[24 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// As `number(_:)` for a `Float`.
    static func number(_ value: Float) -> String {
        var bytes: [UInt8] = []
        appendWithoutPointZero(value.description, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` quoted and escaped: `"` and `\` escaped, \b \f \n \r \t by name, other
    /// control characters as \u00XX (lowercase hex), and everything else, `/` included, as is.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        if !needsEscaping(text) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The bytes `appendString` writes for `text`.
    static func stringLength(_ text: String) -> Int {
        if !needsEscaping(text) { return text.utf8.count + 2 }
        var length = 2
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x0C, 0x0A, 0x0D, 0x09: length += 2
            case 0x00..<0x20: length += 6
            default: length += 1
            }
        }
        return length
    }

    /// Whether `text` holds a byte `appendString` escapes (`"`, `\` or a control character).
    static func needsEscaping(_ text: String) -> Bool {
        let escapes = { (byte: UInt8) in byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") }
        return text.utf8.withContiguousStorageIfAvailable { $0.contains(where: escapes) } ?? text.utf8.contains(where: escapes)
    }

    /// Whether `key` is ASCII without capitals, which snake case leaves as it is.
    static func isLowercaseASCII(_ key: String) -> Bool {
        let other = { (byte: UInt8) in byte >= 0x80 || (0x41...0x5A).contains(byte) }
        return !(key.utf8.withContiguousStorageIfAvailable { $0.contains(where: other) } ?? key.utf8.contains(where: other))
    }

    /// Whether `a` sorts before `b` by their UTF-8 bytes (`JSONEncoder`'s `.sortedKeys` order).
    static func precedes(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let common = min(x.count, y.count)
                if common > 0, let bx = x.baseAddress, let by = y.baseAddress {
                    let order = memcmp(bx, by, common)
                    if order != 0 { return order < 0 }
                }
                return x.count < y.count
            }
        }
        return (fast ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase`: words split where lower case meets
    /// upper case (and before the last capital of a run of capitals), joined by `_`, lower-cased.
    /// `myURLProperty` → `my_url_property`; a key without capitals comes back as it is.
    static func snakeCase(_ key: String) -> String {
        if isLowercaseASCII(key) { return key }
        let scalars = Array(key.unicodeScalars)
        guard !scalars.isEmpty else { return key }
        func isUpper(_ s: Unicode.Scalar) -> Bool {
            let category = s.properties.generalCategory
            return category == .uppercaseLetter || category == .titlecaseLetter
        }
        func isLower(_ s: Unicode.Scalar) -> Bool { s.properties.generalCategory == .lowercaseLetter }
        var words: [Range<Int>] = []
        var wordStart = 0
        var searchStart = 1
        let end = scalars.count
        while let upper = (searchStart..<end).first(where: { isUpper(scalars[$0]) }) {
            words.append(wordStart..<upper)
            guard let lower = (upper..<end).first(where: { isLower(scalars[$0]) }) else {
                wordStart = upper
                break
            }
            if lower == upper + 1 {
                wordStart = upper
            } else {
                words.append(upper..<(lower - 1))
                wordStart = lower - 1
            }
            searchStart = lower + 1
        }
        words.append(wordStart..<end)
        return words.map { range in
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[range])
            return String(word).lowercased()
        }.joined(separator: "_")
    }
}
