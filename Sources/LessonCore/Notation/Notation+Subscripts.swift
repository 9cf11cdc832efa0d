extension Notation {
    /// Writes an integer with subscript digits, as the notes name vector entries: `₂`, `₋₁`.
    public static func subscriptDigits(_ value: Int) -> String {
        (value < 0 ? "₋" : "") + String(String(value.magnitude).map { lowDigits[$0.wholeNumberValue!] })
    }

    /// Writes an integer with superscript digits, as an exponent: `³`, `⁻¹²`.
    public static func superscriptDigits(_ value: Int) -> String {
        (value < 0 ? "⁻" : "") + String(String(value.magnitude).map { highDigits[$0.wholeNumberValue!] })
    }

    private static let lowDigits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
    private static let highDigits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    /// Reads a name such as `z₂`, `z2`, `2` or `[2]` back to its number; nil if there is none.
    public static func parseSubscriptName(_ text: String) -> Int? {
        let subscripts = "₀₁₂₃₄₅₆₇₈₉"
        var normal = ""
        for character in text {
            if let offset = subscripts.firstIndex(of: character) {
                normal += String(subscripts.distance(from: subscripts.startIndex, to: offset))
            } else if character == "₋" || character == "−" {
                normal += "-"
            } else if character.isNumber || character == "-" {
                normal.append(character)
            } else if !"z[] ".contains(character) {
                return nil
            }
        }
        return Int(normal)
    }
}
