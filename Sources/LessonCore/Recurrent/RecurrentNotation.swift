/// How the recurrent lessons name their quantities: the step as a superscript in
/// parentheses (`s⁽²⁾`), units as 1-based subscripts (`s⁽²⁾₁`, `W₁₂`).
public enum RecurrentNotation {
    /// `s⁽ᵗ⁾` for step t.
    public static func step(_ symbol: String, _ t: Int) -> String { symbol + "⁽" + NetworkNotation.raised(t) + "⁾" }

    /// `s⁽ᵗ⁾ᵢ` with a 0-based unit i.
    public static func unit(_ symbol: String, _ t: Int, _ i: Int) -> String { step(symbol, t) + NetworkNotation.lowered(i + 1) }

    /// `Wᵢⱼ` (0-based i, j) or `bᵢ`.
    public static func entry(_ symbol: String, _ i: Int, _ j: Int? = nil) -> String {
        guard let j else { return symbol + NetworkNotation.lowered(i + 1) }
        let separator = i + 1 >= 10 || j + 1 >= 10 ? "," : ""
        return symbol + NetworkNotation.lowered(i + 1) + separator + NetworkNotation.lowered(j + 1)
    }
}
