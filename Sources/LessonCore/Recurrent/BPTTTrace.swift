/// Backpropagation through time, as seeds/003 argues it: for every loss term Eτ the gradient
/// ∂Eτ/∂s⁽ᵏ⁾ flows back through W and φ₁′ from k = τ to 1, each step adding δ⁽ᵏ⁾s⁽ᵏ⁻¹⁾ᵀ to
/// ∂E/∂W, δ⁽ᵏ⁾x⁽ᵏ⁾ᵀ to ∂E/∂U and δ⁽ᵏ⁾ to ∂E/∂b. Truncated to K steps, only k > τ − K count.
public struct BPTTTrace: Equatable, Codable, Sendable {
    /// K, or nil for full BPTT.
    public var truncation: Int?
    /// One chain per loss term, τ ascending.
    public var chains: [BPTTChain]
    /// The gradients with every step (full BPTT).
    public var full: RecurrentGradients
    /// The gradients of the kept steps only (equal to `full` without truncation): what the update uses.
    public var gradients: RecurrentGradients
    /// ∂E/∂s⁽ᵗ⁾ for t = 1 … T, summed over the loss terms (full BPTT).
    public var stateGradients: [[Double]]

    /// How many (loss term, step) links truncation cut.
    public var cutLinks: Int { chains.reduce(0) { $0 + $1.links.filter { !$0.kept }.count } }
    /// The largest |full − truncated| over every parameter.
    public var truncationDifference: Double {
        zip(full.flat, gradients.flat).map { abs($0 - $1) }.max() ?? 0
    }

    /// ∂E/∂W as the common mistake writes it, with s⁽ᵏ⁾ in place of s⁽ᵏ⁻¹⁾: Σ δ⁽ᵏ⁾ s⁽ᵏ⁾ᵀ over
    /// the kept steps (what a grader names, not a gradient).
    public func gradWUsingCurrentState(_ forward: RNNForwardTrace) -> Tensor {
        var total = Tensor(shape: gradients.W.shape)
        for chain in chains {
            for link in chain.links where link.kept {
                total = Vectors.add(total, Vectors.outer(link.delta, forward.state(link.step)))
            }
        }
        return total
    }
}
