/// One loss term Eτ's gradient flowing back from s⁽τ⁾ to s⁽¹⁾, step by step.
public struct BPTTChain: Equatable, Codable, Sendable {
    /// τ, the step of the loss term.
    public var lossStep: Int
    /// ∂Eτ/∂ŷ⁽τ⁾ = ∂L/∂a; nil where the output's activation and loss simplify (δ_out = ŷ − y does
    /// not use it) and it overflows: an output rounds to 0 and −y/ŷ is beyond any number.
    public var outputGradient: [Double]?
    /// δ_out = ∂Eτ/∂q⁽τ⁾, q = V s + c.
    public var outputDelta: [Double]
    /// Steps k = τ, τ − 1, …, 1 in the order the gradient reaches them.
    public var links: [BPTTLink]
}
