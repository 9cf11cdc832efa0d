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

    /// Loss terms by their steps: `E₂`, `E₂, E₃`, or a run of more than two as `E₂ … E₅`.
    public static func terms(_ steps: [Int]) -> String {
        let names = steps.map { "E" + NetworkNotation.lowered($0) }
        guard steps.count > 2, zip(steps, steps.dropFirst()).allSatisfy({ $1 == $0 + 1 }) else { return names.joined(separator: ", ") }
        return "\(names[0]) … \(names[names.count - 1])"
    }

    /// Steps as a list: `2`, `2, 1`, or a run of more than three as `9 … 1`.
    public static func steps(_ steps: [Int]) -> String {
        guard steps.count > 3, zip(steps, steps.dropFirst()).allSatisfy({ abs($1 - $0) == 1 }) else {
            return steps.map(String.init).joined(separator: ", ")
        }
        return "\(steps[0]) … \(steps[steps.count - 1])"
    }
}
