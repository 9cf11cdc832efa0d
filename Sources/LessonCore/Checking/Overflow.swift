/// Refuses a computed value that is not finite. Every input is finite (the parsers refuse
/// nan and inf), so a non-finite result means the arithmetic overflowed, and the run says so
/// instead of printing ∞ or NaN.
public enum Overflow {
    /// Returns `value`, or throws one sentence naming `what` overflowed.
    @inline(__always)
    public static func check(_ value: Double, _ what: @autoclosure () -> String) throws -> Double {
        guard value.isFinite else {
            throw InputError("\(what()) overflows: the sum is beyond ±1.8e308, which no number here can hold; use smaller values", kind: .overflow)
        }
        return value
    }
}
