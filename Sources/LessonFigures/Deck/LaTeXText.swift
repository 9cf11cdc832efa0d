import Foundation

/// A line of a figure (a heading, a worked sum) as LaTeX that pdfLaTeX compiles with no
/// Unicode package: words stay text, everything else becomes math.
///
/// The line is split at spaces. A word of two or more ASCII letters (with leading `(` or
/// trailing `,.;:)` allowed) is text (`\text{ word }`); any other word is math, with −, ×,
/// ·, ⌊⌋, Σ, ∂, Greek letters and arrows as LaTeX commands, runs of subscript characters as
/// `_{…}` and of superscripts as `^{…}` (`δ⁽ˡ⁾` → `\delta^{(l)}`, `y₁₂` → `y_{12}`). The result
/// is one `$…$` span of plain ASCII.
public enum LaTeXText {
    /// `line` as one inline math span, ASCII only.
    public static func math(_ line: String) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard !words.isEmpty else { return "" }
        var out = ""
        var index = 0
        while index < words.count {
            guard isText(words[index]) else {
                out += (out.isEmpty ? "" : " ") + mathWord(words[index])
                index += 1
                continue
            }
            // A run of English words is one \text{…}, one space between words ("\text{Image }\text{ filter }" spaced them twice).
            var end = index
            while end + 1 < words.count, isText(words[end + 1]) { end += 1 }
            let run = words[index...end].joined(separator: " ")
            out += "\\text{\(index == 0 ? "" : " ")\(run)\(end == words.count - 1 ? "" : " ")}"
            index = end + 1
        }
        while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
        while out.hasSuffix(" ") { out.removeLast() }
        return "$" + out + "$"
    }

    /// Whether `word` reads as an English word rather than a symbol or a number.
    static func isText(_ word: Substring) -> Bool {
        var core = word.drop { $0 == "(" }
        while let last = core.last, ",.;:)".contains(last) { core = core.dropLast() }
        // Hyphens inside a word too (image-filters, cross-correlation): in math they became minus signs.
        // Each part between hyphens a word of two letters or more: x-y stays math (x − y).
        return core.split(separator: "-", omittingEmptySubsequences: false)
            .allSatisfy { $0.count >= 2 && $0.allSatisfy { $0.isASCII && $0.isLetter } }
    }

    /// A word of math: every character mapped, subscript and superscript runs grouped.
    static func mathWord(_ word: Substring) -> String {
        var out = ""
        var script: (marker: String, text: String)?
        func close() {
            if let open = script { out += "\(open.marker){\(open.text)}"; script = nil }
        }
        // A name the user wrote (`Typography.literal`: an expression's variable) is set upright
        // as written, its marks dropped: `\mathrm{foo\_bar}`, not `\text{?}foo\_bar\text{?}`.
        var literal: String?
        func closeLiteral() {
            if let text = literal, !text.isEmpty { out += "\\mathrm{\(text)}" }
            literal = nil
        }
        for character in word {
            if character.unicodeScalars.first == Typography.literalOpen {
                close()
                literal = ""
                continue
            }
            if character.unicodeScalars.first == Typography.literalClose {
                closeLiteral()
                continue
            }
            if literal != nil {
                literal! += symbol(character)
                continue
            }
            if let sub = subscripts[character] {
                if script?.marker != "_" { close(); script = ("_", "") }
                script?.text += sub
            } else if let sup = superscripts[character] {
                if script?.marker != "^" { close(); script = ("^", "") }
                script?.text += sup
            } else {
                close()
                out += symbol(character)
            }
        }
        close()
        closeLiteral() // an unclosed literal runs to the end
        return out
    }

    /// One character in math mode.
    static func symbol(_ character: Character) -> String {
        if let command = commands[character] { return command }
        if character.isASCII {
            switch character {
            case "#", "$", "%", "&", "_", "{", "}": return "\\" + String(character)
            case "\\": return "\\backslash "
            case "~": return "\\sim "
            case "^": return "\\wedge "
            case "\"": return "''"
            default: return String(character)
            }
        }
        return "\\text{?}"
    }

    private static let commands: [Character: String] = [
        "−": "-", "–": "-", "×": "\\times ", "·": "\\cdot ", "⋅": "\\cdot ", "∗": "\\ast ", "⊙": "\\odot ",
        "⌊": "\\lfloor ", "⌋": "\\rfloor ", "⌈": "\\lceil ", "⌉": "\\rceil ", "Σ": "\\sum ", "∑": "\\sum ",
        "∂": "\\partial ", "∇": "\\nabla ", "≈": "\\approx ", "≤": "\\le ", "≥": "\\ge ", "≠": "\\ne ",
        "→": "\\to ", "←": "\\leftarrow ", "⇒": "\\Rightarrow ", "′": "'", "″": "''", "…": "\\ldots ",
        "∞": "\\infty ", "∈": "\\in ", "√": "\\surd ", "±": "\\pm ", "÷": "\\div ", "°": "^{\\circ}",
        "α": "\\alpha ", "β": "\\beta ", "γ": "\\gamma ", "δ": "\\delta ", "Δ": "\\Delta ", "ε": "\\epsilon ",
        "η": "\\eta ", "θ": "\\theta ", "λ": "\\lambda ", "μ": "\\mu ", "π": "\\pi ", "ρ": "\\rho ",
        "σ": "\\sigma ", "τ": "\\tau ", "φ": "\\phi ", "ω": "\\omega ", "ℓ": "\\ell ", "✓": "\\checkmark ",
        "✗": "\\times ", "⟨": "\\langle ", "⟩": "\\rangle ", "‖": "\\|", "∘": "\\circ ", "ŷ": "\\hat{y}", "ℝ": "\\mathbb{R}",
    ]

    private static let subscripts: [Character: String] = [
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
        "₊": "+", "₋": "-", "₌": "=", "₍": "(", "₎": ")", "ₐ": "a", "ₑ": "e", "ₒ": "o", "ₓ": "x", "ₕ": "h",
        "ᵢ": "i", "ⱼ": "j", "ₖ": "k", "ₗ": "l", "ₘ": "m", "ₙ": "n", "ₚ": "p", "ₛ": "s", "ₜ": "t", "ᵣ": "r",
        "ᵤ": "u", "ᵥ": "v",
    ]

    private static let superscripts: [Character: String] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        "⁺": "+", "⁻": "-", "⁼": "=", "⁽": "(", "⁾": ")", "ˡ": "l", "ⁿ": "n", "ⁱ": "i", "ʲ": "j", "ᵏ": "k",
        "ᵀ": "T", "ᴸ": "L", "ᵗ": "t", "ˣ": "x", "ᶻ": "z", "ᵃ": "a", "ᵇ": "b", "ᶜ": "c", "ᵈ": "d", "ᵉ": "e",
    ]
}
