import Foundation
import LessonCore
import LessonLibrary

/// How close a number must be to count as right, stated per question.
///
/// `decimals: d` accepts any answer within half a unit of the d-th decimal (0.5·10^−d): the
/// value correctly rounded to d decimals is right, a truncated one may not be. Otherwise
/// `absolute` or `relative` (defaults 1e-9, which absorb the rounding of exact arithmetic).
public struct Tolerance: Equatable, Sendable, Codable {
    public var absolute: Double
    public var relative: Double
    public var decimals: Int?

    /// The default: exact up to floating-point rounding.
    public init(absolute: Double = 1e-9, relative: Double = 1e-9, decimals: Int? = nil) {
        self.absolute = absolute
        self.relative = relative
        self.decimals = decimals
    }

    /// Whether `given` counts as `expected`.
    public func accepts(_ given: Double, _ expected: Double) -> Bool {
        if let decimals {
            return abs(given - expected) <= 0.5 * pow(10, -Double(decimals)) * (1 + 1e-9)
        }
        return agree(given, expected, absolute: absolute, relative: relative)
    }

    /// One bound of a tolerance as an exercise file writes it (`tolerance: 0.01`, `absolute:`,
    /// `relative:`): a finite number, 0 or more. A negative bound would refuse every answer, the
    /// right one too, so it is a mistake in the file, named with its place.
    static func bound(_ value: YAMLValue) throws -> Double {
        let bound = try value.double()
        guard bound >= 0 else {
            throw value.error("a tolerance must be 0 or more, found \(Notation.number(bound, decimals: 9)); 0 accepts only the exact answer")
        }
        return bound
    }

    /// The tolerance in words, the default one too: "within 10⁻⁹ or 10⁻⁷ %" (for feedback that
    /// has to say why an answer that looks right is not).
    public var statedText: String {
        if let text { return text }
        func power(_ x: Double) -> String {
            x == 0 ? "0" : Notation.scientific(x, decimals: 2, unitMantissa: false)
        }
        return "within \(power(absolute)) or \(power(relative * 100)) %"
    }

    /// A phrase for sheets: "to 2 decimals", "within 0.01".
    public var text: String? {
        if let decimals { return "to \(decimals) \(Counted.noun(decimals, "decimal"))" }
        if absolute > 1e-9 || relative > 1e-9 {
            var parts: [String] = []
            if absolute > 1e-9 { parts.append("within \(Notation.number(absolute, decimals: 9))") }
            if relative > 1e-9 { parts.append("within \(Notation.number(relative * 100, decimals: 6))%") }
            return parts.joined(separator: " or ")
        }
        return nil
    }
}
