import Foundation

/// The learning-rate bound of gradient descent on a quadratic loss.
///
/// J is quadratic with constant Hessian H, so one GD step maps the error e = θ − θ* to
/// (I − αH)e. Along each eigenvector of H (eigenvalue λ) the error is multiplied by 1 − αλ:
/// it shrinks steadily for α < 1/λ, oscillates in sign but shrinks for 1/λ < α < 2/λ, and
/// grows for α > 2/λ. So GD converges exactly when α < 2/λ_max.
public struct QuadraticStability: Equatable, Codable, Sendable {
    /// The eigenvalues of H, largest first (1 or 2 of them).
    public var eigenvalues: [Double]

    /// The eigenvalues of a 1×1 or symmetric 2×2 Hessian, in closed form.
    public init(hessian h: [[Double]]) {
        precondition(h.count == 1 || h.count == 2, "a 1×1 or 2×2 Hessian")
        if h.count == 1 {
            eigenvalues = [h[0][0]]
        } else {
            let mean = (h[0][0] + h[1][1]) / 2
            let radius = (((h[0][0] - h[1][1]) / 2) * ((h[0][0] - h[1][1]) / 2) + h[0][1] * h[1][0]).squareRoot()
            eigenvalues = [mean + radius, mean - radius]
        }
    }

    /// λ_max.
    public var largest: Double { eigenvalues.max() ?? 0 }
    /// 2/λ_max: GD converges for α below it and diverges above it.
    public var bound: Double { 2 / largest }
    /// 1/λ_max: above it the slowest-to-settle direction overshoots and oscillates.
    public var oscillationThreshold: Double { 1 / largest }

    /// The regime of `alpha`: converging smoothly, oscillating, at the bound, or diverging.
    public func regime(_ alpha: Double) -> LearningRateRegime {
        let factor = 1 - alpha * largest
        if abs(abs(factor) - 1) < 1e-12 { return .boundary }
        if factor >= 0 { return .smooth }
        return factor > -1 ? .oscillating : .diverging
    }
}

/// What a learning rate does on a quadratic loss.
public enum LearningRateRegime: String, Codable, Sendable {
    /// 0 < α ≤ 1/λ_max: every error component shrinks without changing sign.
    case smooth
    /// 1/λ_max < α < 2/λ_max: the error flips sign each step but shrinks.
    case oscillating
    /// α = 2/λ_max: the error flips sign and keeps its size.
    case boundary
    /// α > 2/λ_max: the error grows.
    case diverging
}
