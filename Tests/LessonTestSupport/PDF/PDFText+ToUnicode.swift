/// Fonts' ToUnicode CMaps: how the PDF's character codes map back to text.
extension PDFText {
    /// A font's ToUnicode CMap: character codes of 1 or 2 bytes to Unicode text.
    struct ToUnicode {
        var codeLength = 1
        var map: [UInt32: String] = [:]

        init(_ cmap: String) {
            var scanner = Scanner(bytes: cmap.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
            var operands: [Token] = []
            var section = ""
            while let token = scanner.next() {
                if case .op(let op) = token {
                    switch op {
                    case "begincodespacerange", "beginbfchar", "beginbfrange": section = op; operands.removeAll()
                    case "endcodespacerange":
                        if case .string(let low)? = operands.first { codeLength = max(1, low.count) }
                        section = ""
                    case "endbfchar":
                        var i = 0
                        while i + 1 < operands.count {
                            if case .string(let source) = operands[i], case .string(let target) = operands[i + 1] {
                                map[Self.code(source)] = utf16(target)
                            }
                            i += 2
                        }
                        section = ""
                    case "endbfrange":
                        var i = 0
                        while i + 2 < operands.count {
                            if case .string(let low) = operands[i], case .string(let high) = operands[i + 1] {
                                let lo = Self.code(low), hi = Self.code(high)
                                if hi >= lo, hi - lo < 65536 {
                                    switch operands[i + 2] {
                                    case .string(let first):
                                        var target = first
                                        for code in lo...hi {
                                            map[code] = utf16(target)
                                            if let last = target.indices.last { target[last] &+= 1 }
                                        }
                                    case .array(let targets):
                                        for (offset, item) in targets.enumerated() where UInt32(offset) <= hi - lo {
                                            if case .string(let t) = item { map[lo + UInt32(offset)] = utf16(t) }
                                        }
                                    default: break
                                    }
                                }
                            }
                            i += 3
                        }
                        section = ""
                    default: if section.isEmpty { operands.removeAll() }
                    }
                } else {
                    operands.append(token)
                }
            }
        }

        static func code(_ bytes: [UInt8]) -> UInt32 { bytes.reduce(0) { $0 << 8 | UInt32($1) } }

        func decode(_ bytes: [UInt8]) -> String {
            var out = ""
            var i = 0
            while i + codeLength <= bytes.count {
                let code = Self.code(Array(bytes[i..<(i + codeLength)]))
                out += map[code] ?? "\u{FFFD}"
                i += codeLength
            }
            return out
        }
    }

    static func utf16(_ bytes: [UInt8]) -> String {
        var units: [UInt16] = []
        var i = 0
        while i + 1 < bytes.count { units.append(UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])); i += 2 }
        return String(decoding: units, as: UTF16.self)
    }

    static func decodeTextString(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(Array(bytes.dropFirst(2))) }
        return String(bytes.map { Character(Unicode.Scalar($0)) })
    }
}
