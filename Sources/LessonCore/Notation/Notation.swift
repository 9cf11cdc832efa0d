import Foundation

/// How numbers, indices and sums are written, the way the slides write them.
///
/// Negative numbers use the true minus sign (U+2212); a negative factor is put in
/// parentheses (`0×(−1)`); indices are printed 1-based (`z[1,1]`).
public enum Notation {
    /// The true minus sign.
    public static let minus = "\u{2212}"

    /// Writes a number: whole numbers without a decimal point, others with at most
    /// `decimals` decimals, rounded half away from zero, trailing zeros dropped; from 10²¹ on,
    /// as `scientific` with one decimal (1.4×10⁶⁴).
    /// `-0` prints as `0`. Without `decimals` (4 then), a value below 0.001 that is not below 10⁻⁹
    /// is written with its first two significant digits (`smallNumber`), not one; a caller
    /// that names its decimals (a table as the slides print it) gets the rounding it asked for,
    /// unless it asks to `keepSmall` values too (`number(_:decimals:keepSmall:)`).
    public static func number(_ value: Double, decimals: Int? = nil) -> String {
        number(value, decimals: decimals, keepSmall: false)
    }

    /// `number(_:decimals:)` that, with `keepSmall`, writes a value that rounds to 0 at `decimals`
    /// but is not below 10⁻⁹ with its first two significant digits, as without decimals
    /// (pooling's −0.00012 at 3 decimals: "−0.00012", not "0").
    public static func number(_ value: Double, decimals: Int?, keepSmall: Bool) -> String {
        let showsSmall = decimals == nil || keepSmall
        let decimals = decimals ?? 4
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? minus + "∞" : "∞" }
        // Beyond 10¹⁵ no decimal is shown, and value·10^decimals could overflow to ∞: write the
        // whole number below 10²¹, then as the slides write a very large number (1.4×10⁶⁴, with
        // two significant digits as a very small one), never "inf" nor the "1.359e+64" of `%g`.
        if abs(value) >= 1e15 {
            guard abs(value) < scientificFrom else { return scientific(value, decimals: 1) }
            let text = String(format: "%.0f", abs(value))
            return value < 0 ? minus + text : text
        }
        if showsSmall, writesTwoDigits(value, decimals: decimals) { return smallNumber(value) }
        let scale = pow(10.0, Double(decimals))
        let rounded = (value * scale).rounded(.toNearestOrAwayFromZero) / scale
        if rounded == 0 { return showsSmall ? smallNumber(value) : "0" }
        var text: String
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            text = String(Int64(abs(rounded)))
        } else if let digits = decimalDigits(abs(rounded), decimals: decimals) {
            text = digits
        } else {
            text = String(format: "%.\(decimals)f", abs(rounded))
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return rounded < 0 ? minus + text : text
    }

    /// Whether `number` (without named decimals, or keeping small values) writes `value` by its
    /// first two significant digits: at `decimals` it would keep one of them or none
    /// (|value| < 10^−(decimals − 1): −0.00012 would read −0.0001 at 4 decimals, and a worked
    /// product (−0.00012)×1000000 = −120 would not add up), and it is not below 10⁻⁹.
    static func writesTwoDigits(_ value: Double, decimals: Int) -> Bool {
        // |value| < 1 first: most numbers written are not, and they skip the power of ten.
        let size = abs(value)
        return decimals >= 1 && size < 1 && size >= smallestShown && size < pow(10, -Double(decimals - 1))
    }

    /// A value with fewer than two significant digits at the decimals asked for: "0" when it is
    /// below 10⁻⁹ (what floating point leaves of a true 0, such as 1.4×10⁻¹⁷), else its first two
    /// significant digits (0.00001 → "0.00001", −0.0000123 → "−0.000012", −0.00012 → "−0.00012"),
    /// so a typed 1e-5 is not shown as 0 nor 0.00012 as 0.0001.
    static func smallNumber(_ value: Double) -> String {
        guard abs(value) >= smallestShown else { return "0" }
        let digits = decimalDigits(abs(value), decimals: smallPlaces(value)) ?? "0"
        return digits == "0" ? "0" : (value < 0 ? minus : "") + digits
    }

    /// The decimals that keep the first two significant digits of `value` (0 < |value| < 1): 5
    /// for 0.00012, at most 15.
    static func smallPlaces(_ value: Double) -> Int { min(Int(-floor(log10(abs(value)))) + 1, 15) }

    /// From this size on `number` writes a power of ten (1.4×10⁶⁴), below it every digit.
    public static let scientificFrom = 1e21

    /// Below this a value that rounds to 0 is written "0".
    public static let smallestShown = 1e-9

    /// `%.{decimals}f` of `value` (≥ 0) without trailing zeros, by integer arithmetic, when
    /// `value · 10^decimals` is below 2⁵⁰: then `value` is within a quarter of 10^−decimals of
    /// N/10^decimals for the whole number N nearest `value · 10^decimals`, so both round to N.
    /// Nil beyond that (String(format:) writes those); `NotationTests` compares the two.
    static func decimalDigits(_ value: Double, decimals: Int) -> String? {
        guard (1...15).contains(decimals) else { return nil }
        let scale = powersOfTen[decimals]
        let scaled = (value * Double(scale)).rounded()
        guard scaled < 1_125_899_906_842_624 else { return nil }
        let whole = Int64(scaled)
        var fraction = whole % scale, places = decimals
        while places > 0, fraction % 10 == 0 {
            fraction /= 10
            places -= 1
        }
        let integerText = String(whole / scale)
        guard places > 0 else { return integerText }
        let fractionText = String(fraction)
        return integerText + "." + String(repeating: "0", count: places - fractionText.utf8.count) + fractionText
    }

    private static let powersOfTen: [Int64] = (0...15).map { Int64(pow(10.0, Double($0))) }

    /// Writes a number with exactly `decimals` decimals (for tables that must line up).
    public static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", abs(value))
        let isZero = text.allSatisfy { $0 == "0" || $0 == "." }
        return (value < 0 && !isZero) ? minus + text : text
    }

    /// Writes a number as a factor in a product: negative numbers and powers of ten in parentheses.
    public static func factor(_ value: Double, decimals: Int? = nil, keepSmall: Bool = false) -> String {
        let text = number(value, decimals: decimals, keepSmall: keepSmall)
        // A power of ten in parentheses too: "(1×10²⁰⁰)×(−0.087979)", not "1×10²⁰⁰×(−0.087979)".
        return text.hasPrefix(minus) || (value.isFinite && abs(value) >= scientificFrom) ? "(\(text))" : text
    }

    /// Writes a 0-based index as the slides do, 1-based: `[1,1]`.
    public static func index(_ indices: Int...) -> String {
        "[" + indices.map { String($0 + 1) }.joined(separator: ",") + "]"
    }

    /// Writes a sum of products term by term: `1×1 + 0×(−1) + … + 0 = 2`.
    ///
    /// - Parameters:
    ///   - products: the pairs (input, weight) in the order they are summed.
    ///   - bias: the bias added last, or nil when there is none.
    ///   - result: the value the sum comes to.
    public static func sumOfProducts(_ products: [(Double, Double)], bias: Double?, result: Double,
                                     decimals: Int? = nil) -> String {
        var parts = products.map { factor($0.0, decimals: decimals) + "×" + factor($0.1, decimals: decimals) }
        if let bias { parts.append(factor(bias, decimals: decimals)) }
        if parts.isEmpty { parts = ["0"] }
        return parts.joined(separator: " + ") + " = " + number(result, decimals: decimals)
    }

    /// Writes a matrix as aligned rows of numbers, one row per line (each as `number` writes it).
    public static func matrix(_ tensor: Tensor, decimals: Int? = nil, keepSmall: Bool = false, indent: String = "  ") -> String {
        let cells = tensor.rank == 1 ? [tensor.scalars.map { number($0, decimals: decimals, keepSmall: keepSmall) }]
                                     : tensor.rowArrays.map { $0.map { number($0, decimals: decimals, keepSmall: keepSmall) } }
        let width = cells.flatMap { $0 }.map(\.count).max() ?? 0
        return cells.map { row in
            indent + row.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Writes a matrix on one line in the literal syntax: `2 5 −1; −15 −7 2`.
    public static func inlineMatrix(_ tensor: Tensor, decimals: Int? = nil, keepSmall: Bool = false) -> String {
        if tensor.rank == 1 { return tensor.scalars.map { number($0, decimals: decimals, keepSmall: keepSmall) }.joined(separator: " ") }
        return tensor.rowArrays.map { $0.map { number($0, decimals: decimals, keepSmall: keepSmall) }.joined(separator: " ") }
            .joined(separator: "; ")
    }

    /// Writes a shape as `5×5`.
    public static func shape(_ shape: [Int]) -> String {
        shape.map(String.init).joined(separator: "×")
    }
}
