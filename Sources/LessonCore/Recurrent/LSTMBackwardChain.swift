/// One loss term Eτ's gradient flowing back through the cell from step τ to step 1, step by
/// step, as truncated BPTT reads it: each step is kept (t > τ − K) or cut.
public struct LSTMBackwardChain: Equatable, Codable, Sendable {
    /// τ, the step of the loss term.
    public var lossStep: Int
    /// Steps k = τ, τ − 1, …, 1 in the order the gradient reaches them, each with ∂Eτ/∂ŷ⁽ᵏ⁾,
    /// ∂Eτ/∂s⁽ᵏ⁾, the gate deltas and `kept`.
    public var links: [LSTMBackwardStep]
}
