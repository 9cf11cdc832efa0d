/// One step t of an LSTM's backward pass through time: of E in the combined pass, or of one
/// loss term Eτ in that term's chain (truncated BPTT), where each ∂E below is ∂Eτ.
public struct LSTMBackwardStep: Equatable, Codable, Sendable {
    /// t, 1-based.
    public var t: Int
    /// ∂Eₜ/∂ŷ⁽ᵗ⁾ = ŷ − y from this step's own loss term (zeros without a target; in Eτ's chain,
    /// zeros at every step but τ).
    public var outputGradient: [Double]
    /// ∂E/∂ŷ⁽ᵗ⁾ arriving from step t + 1 through the ŷ columns of the four W's (zeros at t = T).
    public var recurrentGradient: [Double]
    /// ∂E/∂ŷ⁽ᵗ⁾, the sum of the two.
    public var hiddenGradient: [Double]
    /// 1 − tanh²(s⁽ᵗ⁾), the derivative of the output's squashing.
    public var squashDerivative: [Double]
    /// ∂E/∂ŷ ∘ o ∘ (1 − tanh²(s⁽ᵗ⁾)): the part of ∂E/∂s⁽ᵗ⁾ through this step's output.
    public var throughOutput: [Double]
    /// ∂E/∂s⁽ᵗ⁺¹⁾ ∘ f⁽ᵗ⁺¹⁾: the part carried from step t + 1 through the forget gate (the
    /// constant error carousel; zeros at t = T).
    public var carried: [Double]
    /// ∂E/∂s⁽ᵗ⁾ = throughOutput + carried.
    public var stateGradient: [Double]
    /// ∂E with respect to the gates' pre-activations, f, i, s̃, o:
    /// δ_f = ∂E/∂s ∘ s⁽ᵗ⁻¹⁾ ∘ f(1 − f), δ_i = ∂E/∂s ∘ s̃ ∘ i(1 − i),
    /// δ_s = ∂E/∂s ∘ i ∘ (1 − s̃²), δ_o = ∂E/∂ŷ ∘ tanh(s) ∘ o(1 − o).
    public var forgetDelta: [Double]
    public var inputDelta: [Double]
    public var candidateDelta: [Double]
    public var outputDelta: [Double]
    /// In a loss term's chain: whether truncation to K keeps this step (t > τ − K); a cut step is
    /// recorded to show what full BPTT would add. nil in the combined pass.
    public var kept: Bool? = nil
}
