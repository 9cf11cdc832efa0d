/// What one step t of a recurrent network's forward pass computed.
public struct RNNStep: Equatable, Codable, Sendable {
    /// t, 1-based.
    public var t: Int
    /// x⁽ᵗ⁾.
    public var input: [Double]
    /// s⁽ᵗ⁻¹⁾, the state the step reads.
    public var previousState: [Double]
    /// W s⁽ᵗ⁻¹⁾, the recurrent part of z.
    public var recurrent: [Double]
    /// U x⁽ᵗ⁾, the input part of z.
    public var fromInput: [Double]
    /// z⁽ᵗ⁾ = W s⁽ᵗ⁻¹⁾ + U x⁽ᵗ⁾ + b.
    public var preActivation: [Double]
    /// s⁽ᵗ⁾ = φ₁(z⁽ᵗ⁾).
    public var state: [Double]
    /// q⁽ᵗ⁾ = V s⁽ᵗ⁾ + c.
    public var outputPreActivation: [Double]
    /// ŷ⁽ᵗ⁾ = φ₂(q⁽ᵗ⁾).
    public var output: [Double]
    /// y⁽ᵗ⁾ when this step has a loss term.
    public var target: [Double]?
    /// Eₜ = L(ŷ⁽ᵗ⁾, y⁽ᵗ⁾) when this step has a loss term.
    public var loss: Double?
}
