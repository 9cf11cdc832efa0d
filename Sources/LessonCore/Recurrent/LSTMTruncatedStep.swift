/// Step t of truncated BPTT through an LSTM: the kept links of every loss term at t, summed.
/// Truncated BPTT's gradients are ∂E/∂W_g = Σₜ δ_g⁽ᵗ⁾ [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]ᵀ and ∂E/∂b_g = Σₜ δ_g⁽ᵗ⁾
/// with these δ's.
public struct LSTMTruncatedStep: Equatable, Codable, Sendable {
    /// t, 1-based.
    public var t: Int
    /// The loss terms τ whose window holds t (τ ≥ t > τ − K), ascending.
    public var keptTerms: [Int]
    /// The loss terms whose gradient reaches t in full BPTT but not in the window (t ≤ τ − K).
    public var cutTerms: [Int]
    /// Σ ∂Eτ/∂s⁽ᵗ⁾ over the kept terms (zeros when none).
    public var stateGradient: [Double]
    /// Σ δ_g⁽ᵗ⁾ over the kept terms, for the gates f, i, s̃, o.
    public var forgetDelta: [Double]
    public var inputDelta: [Double]
    public var candidateDelta: [Double]
    public var outputDelta: [Double]
}
