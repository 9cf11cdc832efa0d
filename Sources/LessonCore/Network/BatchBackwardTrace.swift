/// Backpropagation over a batch of m examples, averaged as seed 000 writes the loss:
/// J = (1/m) Σₖ L(x⁽ᵏ⁾, y⁽ᵏ⁾) + (λ/2m) Σ w², so
/// ∂J/∂w⁽ˡ⁾ᵢⱼ = (1/m) Σₖ δ⁽ˡ⁾ᵢ⁽ᵏ⁾ a⁽ˡ⁻¹⁾ⱼ⁽ᵏ⁾ + (λ/m) w⁽ˡ⁾ᵢⱼ and ∂J/∂b⁽ˡ⁾ᵢ = (1/m) Σₖ δ⁽ˡ⁾ᵢ⁽ᵏ⁾.
public struct BatchBackwardTrace: Equatable, Codable, Sendable {
    /// m, the number of examples.
    public var count: Int
    /// λ of the (λ/2m)Σw² term.
    public var l2: Double
    /// Each example's forward and backward pass, on the network without its L2 term (so
    /// each gradient is that of the example's own loss L⁽ᵏ⁾).
    public var examples: [BackwardTrace]
    /// Each example's loss L⁽ᵏ⁾.
    public var losses: [Double]
    /// (λ/2m) Σ w².
    public var penalty: Double
    /// J = (1/m) Σₖ L⁽ᵏ⁾ + (λ/2m) Σ w².
    public var loss: Double
    /// (1/m) Σₖ δ⁽ˡ⁾⁽ᵏ⁾ per layer (forward order).
    public var averageDeltas: [[Double]]
    /// ∂J/∂W⁽ˡ⁾ per layer, in W's orientation, L2 term included.
    public var gradWeights: [Tensor]
    /// ∂J/∂b⁽ˡ⁾ per layer.
    public var gradBias: [[Double]]
}
