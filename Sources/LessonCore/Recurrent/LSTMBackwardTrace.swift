/// An LSTM's backward pass through time: every step (T first) and the gradients; truncated to
/// K steps, also every loss term's chain, the sums per step of what the window keeps and the
/// full gradients beside the truncated ones. The truncation's fields are nil without it.
public struct LSTMBackwardTrace: Equatable, Codable, Sendable {
    /// Steps t = T … 1 of full BPTT (all loss terms at once), in the order the gradient reaches them.
    public var steps: [LSTMBackwardStep]
    /// What the update uses: without truncation the sums over the steps, ∂E/∂W_g = Σₜ δ_g⁽ᵗ⁾
    /// [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾]ᵀ, ∂E/∂b_g = Σₜ δ_g⁽ᵗ⁾; truncated, the same sums of `truncatedSteps`' δ's
    /// (equal to `full` when the window cuts nothing).
    public var gradients: LSTMParameters
    /// ∂s⁽ᵀ⁾/∂s⁽ᵗ⁾ along the state path alone, t = 0 … T: the product f⁽ᵗ⁺¹⁾ ∘ ⋯ ∘ f⁽ᵀ⁾ of the
    /// forget gates (ones at t = T). The constant error carousel: no W and no squashing
    /// derivative multiply the gradient on this path, only f.
    public var carousel: [[Double]]
    /// K, or nil for full BPTT.
    public var truncation: Int?
    /// One chain per loss term, τ ascending (truncated only).
    public var chains: [LSTMBackwardChain]?
    /// Steps t = T … 1 of the truncated pass (truncated only).
    public var truncatedSteps: [LSTMTruncatedStep]?
    /// The full BPTT gradients, the sums over `steps` (truncated only; without truncation they are `gradients`).
    public var full: LSTMParameters?

    /// The full BPTT gradients, truncated or not.
    public var fullGradients: LSTMParameters { full ?? gradients }
    /// How many (loss term, step) links truncation cut.
    public var cutLinks: Int { (chains ?? []).reduce(0) { $0 + $1.links.filter { $0.kept == false }.count } }
    /// How many (loss term, step) links there are: Σ τ over the loss terms.
    public var links: Int { (chains ?? []).reduce(0) { $0 + $1.links.count } }
    /// The largest |full − truncated| over every parameter (0 without truncation).
    public var truncationDifference: Double {
        zip(fullGradients.flat, gradients.flat).map { abs($0 - $1) }.max() ?? 0
    }
}
