import Foundation

extension Notation {
    /// `value` rounded to `decimals` decimals, half away from zero (as `number` prints it).
    public static func rounded(_ value: Double, decimals: Int) -> Double {
        let scale = pow(10.0, Double(decimals))
        return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    /// `value` cut to `decimals` decimals toward zero, as a table that truncates prints it.
    /// A value a hair below a cut (0.3 × 10 = 2.9999999999999996) is cut as the decimal it stands for.
    public static func truncated(_ value: Double, decimals: Int) -> Double {
        let scale = pow(10.0, Double(decimals))
        let scaled = value * scale
        let nearest = scaled.rounded()
        let cut = abs(scaled - nearest) < 1e-9 * max(1, abs(scaled)) ? nearest : scaled.rounded(.towardZero)
        return cut / scale
    }

    /// Whether printing `value` with `decimals` decimals loses nothing (within 1e-12).
    public static func isExact(_ value: Double, decimals: Int) -> Bool {
        abs(rounded(value, decimals: decimals) - value) <= 1e-12 * max(1, abs(value))
    }

    /// Whether `number(value, decimals:, keepSmall:)` loses nothing: with `keepSmall`, a value
    /// its decimals would write 0 is written with two significant digits (0.00012 at 3 decimals
    /// is exact, 0.000123 is not).
    public static func isExact(_ value: Double, decimals: Int, keepSmall: Bool) -> Bool {
        guard keepSmall, writesTwoDigits(value, decimals: decimals) else {
            return isExact(value, decimals: decimals)
        }
        return abs(rounded(value, decimals: smallPlaces(value)) - value) <= 1e-12 * abs(value)
    }
}
