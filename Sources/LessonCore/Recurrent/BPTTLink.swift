/// One step k of one loss term's gradient flowing back through time: ∂Eτ/∂s⁽ᵏ⁾ arrives,
/// passes φ₁′, and adds its contribution to ∂E/∂W, ∂E/∂U and ∂E/∂b.
public struct BPTTLink: Equatable, Codable, Sendable {
    /// k, the step (1-based) the gradient has reached.
    public var step: Int
    /// ∂Eτ/∂s⁽ᵏ⁾: Vᵀδ_out at k = τ, else Wᵀδ⁽ᵏ⁺¹⁾.
    public var stateGradient: [Double]
    /// φ₁′(z⁽ᵏ⁾).
    public var derivative: [Double]
    /// δ⁽ᵏ⁾ = ∂Eτ/∂z⁽ᵏ⁾ = ∂Eτ/∂s⁽ᵏ⁾ ∘ φ₁′(z⁽ᵏ⁾).
    public var delta: [Double]
    /// δ⁽ᵏ⁾ s⁽ᵏ⁻¹⁾ᵀ, this step's part of ∂Eτ/∂W.
    public var gradW: Tensor
    /// δ⁽ᵏ⁾ x⁽ᵏ⁾ᵀ, this step's part of ∂Eτ/∂U.
    public var gradU: Tensor
    /// δ⁽ᵏ⁾, this step's part of ∂Eτ/∂b.
    public var gradB: [Double]
    /// Whether truncation keeps this step (k > τ − K); a cut step is recorded to show what it would add.
    public var kept: Bool
}
