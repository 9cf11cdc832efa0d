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
        /// Creates a run, on the baseline unless told otherwise.
        public init(_ text: String, _ position: Position = .base) {
            self.text = text
            self.position = position
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

    /// Parses the markup described on the type.
    public static func parse(_ markup: String) -> RichText {
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

    /// The script group starting at `start` and the index just after it, or nil if there is none.
    private static func script(in characters: [Character], from start: Int) -> (String, Int)? {
        guard start < characters.count else { return nil }
        let first = characters[start]
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
