/// A piece of someone's input made safe to quote in a message or on a terminal.
///
/// Control characters (ESC, BEL, CR, NUL, …) become visible escapes (`\e`, `\a`, `\r`,
/// `\0`, `\u{7f}`), so a student's text can neither clear a teacher's screen nor forge a
/// line; the result is cut to `limit` characters with `…` at the end, so a 10 MB number
/// or a whole file never becomes a 10 MB error line.
public enum Excerpt {
    /// The longest quote an error message holds, in characters.
    public static let defaultLimit = 80

    /// `text` with control characters escaped, at most `limit` characters long.
    public static func quote(_ text: some StringProtocol, limit: Int = defaultLimit) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            let piece = escaped(scalar)
            if count + piece.count > limit {
                return out + "…"
            }
            out += piece
            count += piece.count
        }
        return out
    }

    /// Whether `text` holds a control character (C0, DEL, C1, or a line or paragraph separator).
    public static func hasControlCharacters(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains(where: isControl)
    }

    /// Control characters, line and paragraph separators, and the bidirectional overrides
    /// that reorder what a terminal shows.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        default: return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        }
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        guard isControl(scalar) else { return String(scalar) }
        switch scalar {
        case "\0": return "\\0"
        case "\u{07}": return "\\a"
        case "\u{08}": return "\\b"
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\u{1B}": return "\\e"
        default: return "\\u{" + String(scalar.value, radix: 16) + "}"
        }
    }
}
