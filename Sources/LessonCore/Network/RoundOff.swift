/// Sums that stand for 0 when round-off is all that is left of them, for the threshold decisions
/// (h = 1 if the sum is ≥ 0) of the perceptron and of step units.
///
/// Decimals are not exact in binary: after four epochs of the perceptron rule with α = 0.1 on AND,
/// −0.2 + 0.2×1 + 0.1×0 comes out as −2.8·10⁻¹⁷, and `≥ 0` would decide 0 where the numbers as
/// written give 0 and a 1. A sum s of terms tᵢ with |s| ≤ 10⁻¹⁰·Σ|tᵢ| is taken as 0: the float64
/// error of a few terms, and of weights built by up to a million updates, stays far below that,
/// while numbers written as decimals would have to cancel to ten significant digits to leave so
/// small a rest.
public enum RoundOff {
    /// How small a sum is, next to the sizes of its terms, for it to be the 0 it stands for.
    public static let relative = 1e-10

    /// `sum`, or 0 when |sum| ≤ `relative`·`size`, `size` being Σ|tᵢ| over the terms added.
    public static func zeroed(_ sum: Double, size: Double) -> Double {
        abs(sum) <= relative * size ? 0 : sum
    }
}
