/// An LSTM's backward pass through time: every step (T first) and the gradients.
public struct LSTMBackwardTrace: Equatable, Codable, Sendable {
    /// Steps t = T … 1, in the order the gradient reaches them.
    public var steps: [LSTMBackwardStep]
    /// ∂E/∂W_f … ∂E/∂b_o, summed over the steps: ∂E/∂W_g = Σₜ δ_g⁽ᵗ⁾ [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]ᵀ, ∂E/∂b_g = Σₜ δ_g⁽ᵗ⁾.
    public var gradients: LSTMParameters
}
