import Foundation

extension Notation {
    /// Writes a very small or large number as the slides do, m × 10ⁿ with 1 ≤ |m| < 10 and m
    /// rounded to at most `decimals` decimals (a mantissa that rounds up to 10 moves to the next
    /// power: 0.00996 → 1×10⁻²): `2.1×10⁻¹⁰`, `−4.7·10⁻³` with `times: "·"`. A mantissa of
    /// exactly 1 is left out when `unitMantissa` is false (`10⁻⁶`, as ε is written). 0, ∞ and
    /// NaN are written by `number`. Never the hyphen and letter of `%e` ("2.1e-10").
    /// With `fixedDecimals`, the mantissa keeps all its decimals (`1.000×10⁰`), so a column of
    /// them lines up.
    public static func scientific(_ value: Double, decimals: Int, times: String = "×", unitMantissa: Bool = true,
                                  fixedDecimals: Bool = false) -> String {
        guard value != 0, value.isFinite else { return number(value, decimals: decimals) }
        var power = Int(floor(log10(abs(value))))
        var mantissa = rounded(value / pow(10, Double(power)), decimals: decimals)
        if abs(mantissa) >= 10 {
            mantissa = rounded(mantissa / 10, decimals: decimals)
            power += 1
        }
        let text = fixedDecimals ? fixed(mantissa, decimals: decimals) : number(mantissa, decimals: decimals)
        let tens = "10" + superscriptDigits(power)
        if !unitMantissa, abs(mantissa) == 1 { return (mantissa < 0 ? minus : "") + tens }
        return text + times + tens
    }
}

extension Notation {
    /// Writes a number so that a nonzero one never reads 0: with at most `decimals` decimals as
    /// `number` writes it, or, where that would round it to 0, as `scientific` with one decimal
    /// (`5.4×10⁻¹³`, `5.3×10⁻⁷`). A true 0 stays `0`. For a loss that converges to 0.
    public static func nonzero(_ value: Double, decimals: Int = 4) -> String {
        let text = number(value, decimals: decimals)
        return text == "0" && value != 0 ? scientific(value, decimals: 1) : text
    }
}
