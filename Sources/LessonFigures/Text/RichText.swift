/// Text with subscripts and superscripts written the way the notes write them:
/// `δ_1`, `z_{12}`, `W^(2)`, `a^{l}_j`, `δ_1^(2)` (a subscript and a superscript stacked).
///
/// After `_` (subscript) or `^` (superscript) comes either a group in braces, whose braces
/// are dropped (`z_{ij}` → z with subscript ij), a group in parentheses, which keeps them
/// (`W^(2)` → W with superscript (2)), or a run of letters and digits (`x_12` → x₁₂).
/// A `_` or `^` followed by none of these is drawn as it is; `\_` and `\^` are literal.
public struct RichText: Equatable, Sendable {
    /// Where a run sits relative to the baseline.
    public enum Position: Equatable, Sendable { case base, subscripted, superscripted }

    /// A piece of text drawn at one position.
    public struct Run: Equatable, Sendable {
        /// The characters of the run.
        public var text: String
        /// Where the run sits.
        public var position: Position
        /// Whether the run is drawn exactly as written (`Typography.literal`): no true minus, no ⋆.
        public var literal = false
        /// Creates a run, on the baseline unless told otherwise.
        public init(_ text: String, _ position: Position = .base, literal: Bool = false) {
            self.text = text
            self.position = position
            self.literal = literal
        }
    }

    /// The runs, in reading order.
    public var runs: [Run]

    /// Creates rich text from runs.
    public init(runs: [Run]) { self.runs = runs }

    /// The text without markup, as a screen reader or a PDF text extractor reads it.
    public var plainText: String { runs.map(\.text).joined() }

    /// Whether any run is a subscript or superscript.
    public var hasScripts: Bool { runs.contains { $0.position != .base } }

    /// Parses the markup described on the type; a part marked `Typography.literal` is kept as
    /// it is (its `_` and `^` are characters).
    public static func parse(_ markup: String) -> RichText {
        if Typography.hasLiteral(markup) {
            return RichText(runs: Typography.literalParts(markup).flatMap { part in
                part.literal ? [Run(part.text, literal: true)] : parse(part.text).runs
            })
        }
        guard markup.contains(where: { $0 == "_" || $0 == "^" || $0 == "\\" }) else {
            return RichText(runs: markup.isEmpty ? [] : [Run(markup)])
        }
        let characters = Array(markup)
        var runs: [Run] = []
        var base = ""
        func flushBase() {
            if !base.isEmpty { runs.append(Run(base)); base = "" }
        }
        var i = 0
        while i < characters.count {
            let character = characters[i]
            if character == "\\", i + 1 < characters.count, characters[i + 1] == "_" || characters[i + 1] == "^" {
                base.append(characters[i + 1])
                i += 2
                continue
            }
            if character == "_" || character == "^", let (group, end) = script(in: characters, from: i + 1) {
                flushBase()
                runs.append(Run(group, character == "_" ? .subscripted : .superscripted))
                i = end
                continue
            }
            base.append(character)
            i += 1
        }
        flushBase()
        return RichText(runs: runs)
    }

    /// Plain figure text (a caption, a title, a cell) as rich text when it has something to
    /// typeset, else nil: the subscript of a one-letter symbol (`δ_f`, `y_j`, `C_in`, `W_{ij}`:
    /// a letter with no letter or digit before it, then `_` and a run of letters and digits or
    /// a group in braces), or a ⋆ (drawn as large as ∗). A `_` inside a name (`output_padding`,
    /// `separable_conv2d`) is left as it is; `^` is not read here (`Typography.typeset` has
    /// turned powers into superscript characters already).
    public static func symbols(in text: String) -> RichText? {
        let hasUnderscore = text.utf8.contains(UInt8(ascii: "_")), hasStar = text.unicodeScalars.contains("⋆")
        guard hasUnderscore || hasStar else { return nil }
        guard hasUnderscore else { return RichText(runs: [Run(text)]) }
        let characters = Array(text)
        var runs: [Run] = []
        var base = ""
        var i = 0
        while i < characters.count {
            let character = characters[i]
            if character == "_", i > 0, isSymbolLetter(characters[i - 1]), i < 2 || !continuesName(characters[i - 2]),
               let (group, end) = script(in: characters, from: i + 1, parentheses: false) {
                if !base.isEmpty { runs.append(Run(base)); base = "" }
                runs.append(Run(group, .subscripted))
                i = end
                continue
            }
            base.append(character)
            i += 1
        }
        if !base.isEmpty { runs.append(Run(base)) }
        return runs.contains(where: { $0.position != .base }) || hasStar ? RichText(runs: runs) : nil
    }

    /// The operator ⋆ (U+22C6, cross-correlation in the notes).
    static let star = "⋆"

    /// `text` cut around each ⋆, the ⋆s as parts of their own.
    static func starParts(_ text: String) -> [String] {
        guard text.unicodeScalars.contains("⋆") else { return [text] }
        var parts: [String] = []
        var current = ""
        for character in text {
            if String(character) == star {
                if !current.isEmpty { parts.append(current); current = "" }
                parts.append(star)
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// A letter a subscript may follow (not a modifier letter such as ᵀ).
    private static func isSymbolLetter(_ character: Character) -> Bool {
        character.isLetter && character.unicodeScalars.first?.properties.generalCategory != .modifierLetter
    }

    /// Whether a character before a symbol's letter makes it part of a longer name (`output_padding`).
    private static func continuesName(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// The script group starting at `start` and the index just after it, or nil if there is none.
    /// A parenthesised group is a script only where `parentheses` (markup), and a run stops at
    /// the first character that is not a letter or an ASCII digit when it does not.
    private static func script(in characters: [Character], from start: Int, parentheses: Bool = true) -> (String, Int)? {
        guard start < characters.count else { return nil }
        let first = characters[start]
        if !parentheses {
            if first == "{" {
                guard let end = characters[(start + 1)...].firstIndex(of: "}"), end > start + 1 else { return nil }
                return (String(characters[(start + 1)..<end]), end + 1)
            }
            var end = start
            while end < characters.count, isSymbolLetter(characters[end]) || (characters[end].isASCII && characters[end].isNumber) { end += 1 }
            return end > start ? (String(characters[start..<end]), end) : nil
        }
        if first == "{" || first == "(" {
            let closing: Character = first == "{" ? "}" : ")"
            guard let end = characters[(start + 1)...].firstIndex(of: closing), end > start + 1 else { return nil }
            let inner = String(characters[(start + 1)..<end])
            return (first == "{" ? inner : "(" + inner + ")", end + 1)
        }
        var end = start
        while end < characters.count, characters[end].isLetter || characters[end].isNumber { end += 1 }
        return end > start ? (String(characters[start..<end]), end) : nil
    }
}
