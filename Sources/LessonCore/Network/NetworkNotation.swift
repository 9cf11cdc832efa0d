/// How the notes name the quantities of a network: layer l as a superscript in parentheses,
/// units as 1-based subscripts. `z⁽²⁾₁` is the pre-activation of unit 1 of layer 2, `w⁽²⁾₁₃`
/// the weight from unit 3 of layer 1 into unit 1 of layer 2 (row 1, column 3 of W⁽²⁾).
public enum NetworkNotation {
    /// `⁽l⁾` for layer `layer` (1-based already: the input is layer 0).
    public static func layer(_ layer: Int) -> String { "⁽" + raised(layer) + "⁾" }

    /// A unit quantity: `z⁽l⁾ᵢ` with a 0-based unit index.
    public static func unit(_ symbol: String, layer: Int, _ unit: Int) -> String {
        symbol + self.layer(layer) + lowered(unit + 1)
    }

    /// A weight or its gradient: `w⁽l⁾ᵢⱼ` with 0-based row i and column j.
    public static func weight(_ symbol: String = "w", layer: Int, _ row: Int, _ column: Int) -> String {
        let separator = row + 1 >= 10 || column + 1 >= 10 ? "," : ""
        return symbol + self.layer(layer) + lowered(row + 1) + separator + lowered(column + 1)
    }

    /// A vector or matrix of a layer: `W⁽l⁾`, `δ⁽l⁾`.
    public static func whole(_ symbol: String, layer: Int) -> String { symbol + self.layer(layer) }

    /// Digits as superscripts: 12 → ¹².
    public static func raised(_ n: Int) -> String { Notation.superscriptDigits(n) }

    /// Digits as subscripts: 12 → ₁₂.
    public static func lowered(_ n: Int) -> String { Notation.subscriptDigits(n) }
}
