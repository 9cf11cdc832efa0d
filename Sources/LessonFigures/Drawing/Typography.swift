import Foundation
import LessonCore

/// Typographic clean-ups applied to every text a figure draws, so all lessons share one look.
public enum Typography {
    /// A number as a slide writes a very small or large one: −0.0047 → "−4.7·10⁻³", its
    /// mantissa with at most `decimals` decimals (not "−4.7e-03"; 0 stays "0").
    public static func scientific(_ value: Double, decimals: Int) -> String {
        Notation.scientific(value, decimals: decimals, times: "·")
    }

    /// The true minus sign, U+2212.
    public static let minus: Character = "\u{2212}"

    /// Replaces a hyphen-minus that acts as a minus sign with the true minus sign (U+2212).
    ///
    /// A hyphen becomes a minus when it stands before a number (`-3`, `(-0.5)`, `= -1`) at the
    /// start of the text or after a space, bracket or operator, or when it stands alone between
    /// spaces (`3 - 1`). Hyphens inside words and names (`zero-padded`, `step-01`, `1-based`)
    /// are left alone.
    public static func trueMinus(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "-")) else { return text }
        let characters = Array(text)
        var result = ""
        result.reserveCapacity(text.utf8.count + 4)
        for (i, character) in characters.enumerated() {
            guard character == "-" else { result.append(character); continue }
            let previous: Character? = i > 0 ? characters[i - 1] : nil
            let next: Character? = i + 1 < characters.count ? characters[i + 1] : nil
            let afterNext: Character? = i + 2 < characters.count ? characters[i + 2] : nil
            let opensNumber = next.map { $0.isNumber || $0 == "∞" || ($0 == "." && (afterNext?.isNumber ?? false)) } ?? false
            let leftIsBoundary = previous.map { $0.isWhitespace || signContext.contains($0) } ?? true
            let standsAlone = (previous?.isWhitespace ?? false) && (next?.isWhitespace ?? false)
            result.append((opensNumber && leftIsBoundary) || standsAlone ? minus : character)
        }
        return result
    }

    /// Characters after which a hyphen before a number is a sign, not a hyphen.
    private static let signContext: Set<Character> = ["(", "[", "{", "=", ",", ";", ":", "×", "·", "+", "−", "*",
                                                      "/", "<", ">", "≤", "≥", "≈", "|", "⌊", "⌈", "^", "_"]
}
