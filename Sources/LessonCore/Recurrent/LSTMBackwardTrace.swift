/// An LSTM's backward pass through time: every step (T first) and the gradients.
public struct LSTMBackwardTrace: Equatable, Codable, Sendable {
    /// Steps t = T … 1, in the order the gradient reaches them.
    public var steps: [LSTMBackwardStep]
    /// ∂E/∂W_f … ∂E/∂b_o, summed over the steps: ∂E/∂W_g = Σₜ δ_g⁽ᵗ⁾ [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]ᵀ, ∂E/∂b_g = Σₜ δ_g⁽ᵗ⁾.
    public var gradients: LSTMParameters
    /// ∂s⁽ᵀ⁾/∂s⁽ᵗ⁾ along the state path alone, t = 0 … T: the product f⁽ᵗ⁺¹⁾ ∘ ⋯ ∘ f⁽ᵀ⁾ of the
    /// forget gates (ones at t = T). The constant error carousel: no W and no squashing
    /// derivative multiply the gradient on this path, only f.
    public var carousel: [[Double]]
}
