/// The tokenizer for content streams and CMaps.
extension PDFText {
    enum Token {
        case number(Double), name(String), string([UInt8]), array([Token]), op(String), dictionaryMark
    }

    /// A tokenizer for content streams and CMaps.
    struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func next() -> Token? {
            skipSpace()
            guard index < bytes.count else { return nil }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "/"):
                index += 1
                let start = index
                while index < bytes.count, !Self.isDelimiter(bytes[index]) { index += 1 }
                return .name(String(decoding: bytes[start..<index], as: UTF8.self))
            case UInt8(ascii: "<"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<") { index += 2; return .dictionaryMark }
                index += 1
                var digits: [UInt8] = []
                while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                    if let v = Self.hexValue(bytes[index]) { digits.append(v) }
                    index += 1
                }
                index += 1
                if digits.count % 2 == 1 { digits.append(0) }
                return .string(stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] })
            case UInt8(ascii: ">"):
                index += bytes.count > index + 1 && bytes[index + 1] == UInt8(ascii: ">") ? 2 : 1
                return .dictionaryMark
            case UInt8(ascii: "("):
                return .string(literalString())
            case UInt8(ascii: "["):
                index += 1
                var items: [Token] = []
                while true {
                    skipSpace()
                    if index >= bytes.count { break }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; break }
                    guard let item = next() else { break }
                    items.append(item)
                }
                return .array(items)
            case UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ")"):
                index += 1
                return next()
            default:
                let start = index
                while index < bytes.count, !Self.isDelimiter(bytes[index]) { index += 1 }
                if index == start { index += 1; return next() }
                let word = String(decoding: bytes[start..<index], as: UTF8.self)
                if let value = Double(word) { return .number(value) }
                return .op(word)
            }
        }

        private mutating func literalString() -> [UInt8] {
            index += 1
            var out: [UInt8] = []
            var depth = 1
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                switch byte {
                case UInt8(ascii: "\\"):
                    guard index < bytes.count else { return out }
                    let escaped = bytes[index]
                    index += 1
                    switch escaped {
                    case UInt8(ascii: "n"): out.append(10)
                    case UInt8(ascii: "r"): out.append(13)
                    case UInt8(ascii: "t"): out.append(9)
                    case UInt8(ascii: "b"): out.append(8)
                    case UInt8(ascii: "f"): out.append(12)
                    case UInt8(ascii: "0")...UInt8(ascii: "7"):
                        var value = Int(escaped - 48)
                        var count = 1
                        while count < 3, index < bytes.count, bytes[index] >= 48, bytes[index] <= 55 {
                            value = value * 8 + Int(bytes[index] - 48)
                            index += 1
                            count += 1
                        }
                        out.append(UInt8(truncatingIfNeeded: value))
                    case 10, 13: break
                    default: out.append(escaped)
                    }
                case UInt8(ascii: "("): depth += 1; out.append(byte)
                case UInt8(ascii: ")"):
                    depth -= 1
                    if depth == 0 { return out }
                    out.append(byte)
                default: out.append(byte)
                }
            }
            return out
        }

        private mutating func skipSpace() {
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "%") {
                    while index < bytes.count, bytes[index] != 10, bytes[index] != 13 { index += 1 }
                } else if byte == 32 || byte == 10 || byte == 13 || byte == 9 || byte == 12 || byte == 0 {
                    index += 1
                } else {
                    return
                }
            }
        }

        static func isDelimiter(_ byte: UInt8) -> Bool {
            switch byte {
            case 32, 10, 13, 9, 12, 0: return true
            case UInt8(ascii: "/"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "%"): return true
            default: return false
            }
        }

        static func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: return byte - 48
            case 65...70: return byte - 55
            case 97...102: return byte - 87
            default: return nil
            }
        }
    }
}
