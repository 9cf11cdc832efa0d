/// Text a figure draws exactly as a person wrote it: a file name, a variable of an expression,
/// a layer word (`x_train`, `beta.png`, `global_avg_pool`).
///
/// The rule: figure text is typeset (`x^2` → x², `theta` → θ, `δ_f` → δ with subscript f) only
/// where the lessons' author wrote it; a string that comes from the person running the lesson
/// (an option, a file, a lesson file's names) is wrapped in `Typography.literal` where a figure
/// draws it, and is then drawn character for character, with no typesetting, true minus or
/// subscript. PNG, PDF and SVG share the one path (`Canvas.text`, `Canvas.richText`).
extension Typography {
    /// The invisible marks around a literal part (two private-use characters, never drawn).
    static let literalOpen: Unicode.Scalar = "\u{E000}", literalClose: Unicode.Scalar = "\u{E001}"

    /// `text` marked to be drawn as it is, inside any figure text: `"input: " + literal(name)`.
    public static func literal(_ text: String) -> String {
        String(literalOpen) + plain(text) + String(literalClose)
    }

    /// A name the user gave (an expression's variable): the Greek letter it names (`theta` → θ),
    /// else the name drawn as written (`x_train`, `w_1`).
    public static func name(_ name: String) -> String { greek[name].map(String.init) ?? literal(name) }

    /// `text` with every whole word that is one of `names` drawn as `name(_:)` draws it (a word:
    /// letters, digits and `_`, as an expression's variables are written).
    public static func names(_ names: Set<String>, in text: String) -> String {
        guard !names.isEmpty else { return text }
        var result = "", word = ""
        func flush() {
            result += names.contains(word) ? name(word) : word
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" { word.append(character) } else { flush(); result.append(character) }
        }
        flush()
        return result
    }

    /// `text` as a reader sees it in plain text (an HTML page): the marks of its literal parts removed.
    public static func plain(_ text: String) -> String {
        let isMark = { (scalar: Unicode.Scalar) in scalar == literalOpen || scalar == literalClose }
        guard text.unicodeScalars.contains(where: isMark) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isMark($0) }))
    }

    /// Whether `text` holds a literal part.
    static func hasLiteral(_ text: String) -> Bool { text.unicodeScalars.contains(literalOpen) }

    /// `text` cut into the parts the author wrote and the literal parts, in order, marks removed.
    /// An unclosed literal runs to the end of the text.
    static func literalParts(_ text: String) -> [(text: String, literal: Bool)] {
        var parts: [(text: String, literal: Bool)] = []
        var current = String.UnicodeScalarView(), literal = false
        func flush() {
            if !current.isEmpty { parts.append((String(current), literal)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if scalar == literalOpen, !literal { flush(); literal = true }
            else if scalar == literalClose, literal { flush(); literal = false }
            else { current.append(scalar) }
        }
        flush()
        return parts
    }
}

extension RichText {
    /// Figure text as `Canvas.text` draws it: the author's parts typeset (ASCII math, true minus,
    /// the subscripts of one-letter symbols, ⋆) and the literal parts as they are; nil when
    /// nothing is typeset as rich text, with the plain text to draw.
    static func figureText(_ text: String) -> (plain: String, rich: RichText?) {
        guard Typography.hasLiteral(text) else {
            let plain = Typography.trueMinus(Typography.typeset(text))
            return (plain, symbols(in: plain))
        }
        var runs: [Run] = []
        for part in Typography.literalParts(text) {
            if part.literal {
                runs.append(Run(part.text, literal: true))
            } else {
                let plain = Typography.trueMinus(Typography.typeset(part.text))
                runs += symbols(in: plain)?.runs ?? [Run(plain)]
            }
        }
        return (runs.map(\.text).joined(), RichText(runs: runs))
    }
}
