/// One example's contribution to a gradient: ŷⁱ = θxⁱ (+ b), ŷⁱ − yⁱ and
/// ∂Jⁱ/∂parameter = 2(ŷⁱ − yⁱ)·∂ŷ/∂parameter.
public struct DescentTerm: Equatable, Codable, Sendable {
    /// The example's index i (0-based).
    public var index: Int
    /// xⁱ and yⁱ.
    public var x: Double
    public var y: Double
    /// ŷⁱ at the parameters before the update.
    public var prediction: Double
    /// ŷⁱ − yⁱ.
    public var residual: Double
    /// ∂Jⁱ/∂θ (and ∂Jⁱ/∂b with an intercept).
    public var gradient: [Double]
}
