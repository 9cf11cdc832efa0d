import Foundation

/// How much of a change in s⁽ᵗ⁾ reaches s⁽ᵀ⁾: the Jacobian
///
///     ∂s⁽ᵀ⁾/∂s⁽ᵗ⁾ = Jᵀ Jᵀ⁻¹ ⋯ Jᵗ⁺¹,   Jᵏ = ∂s⁽ᵏ⁾/∂s⁽ᵏ⁻¹⁾ = diag(φ₁′(z⁽ᵏ⁾)) W,
///
/// and its Frobenius norm ‖M‖_F = √(Σᵢⱼ mᵢⱼ²) for t = 0 … T (the identity at t = T, norm √h).
/// Each factor is at most ‖W‖·max|φ₁′|, so with |φ₁′| ≤ 1 and a small W the norm falls
/// geometrically with T − t: the vanishing gradient, measured.
public struct VanishingGradient: Equatable, Codable, Sendable {
    /// One t.
    public struct Entry: Equatable, Codable, Sendable {
        /// t, 0 … T.
        public var t: Int
        /// ∂s⁽ᵀ⁾/∂s⁽ᵗ⁾, h×h.
        public var jacobian: Tensor
        /// ‖∂s⁽ᵀ⁾/∂s⁽ᵗ⁾‖_F.
        public var norm: Double
        /// ‖Jᵗ‖_F, the factor step t contributes (nil at t = 0, which has none).
        public var factorNorm: Double?
    }

    /// T.
    public var steps: Int
    /// t = 0 … T.
    public var entries: [Entry]

    /// The norms, t = 0 … T.
    public var norms: [Double] { entries.map(\.norm) }

    /// Measures the Jacobians along a forward pass of `network`.
    public init(network: RecurrentNetwork, forward: RNNForwardTrace) {
        let h = network.hiddenUnits, steps = forward.steps.count
        var identity = Tensor(shape: [h, h])
        for i in 0..<h { identity[i, i] = 1 }
        var product = identity
        var entries: [Entry] = []
        var factorNorms: [Double?] = Array(repeating: nil, count: steps + 1)
        for k in 1..<(steps + 1) {
            let derivative = forward.steps[k - 1].preActivation.map(network.hiddenActivation.derivative)
            var factor = network.W
            for i in 0..<h { for j in 0..<h { factor[i, j] *= derivative[i] } }
            factorNorms[k] = Vectors.frobenius(factor)
        }
        entries.append(Entry(t: steps, jacobian: product, norm: Vectors.frobenius(product), factorNorm: factorNorms[steps]))
        for t in stride(from: steps - 1, through: 0, by: -1) {
            // M(t) = M(t + 1) · J(t + 1), J(t + 1) = diag(φ′(z⁽ᵗ⁺¹⁾)) W.
            let derivative = forward.steps[t].preActivation.map(network.hiddenActivation.derivative)
            var next = Tensor(shape: [h, h])
            for i in 0..<h {
                for j in 0..<h {
                    var sum = 0.0
                    for m in 0..<h { sum += product[i, m] * derivative[m] * network.W[m, j] }
                    next[i, j] = sum
                }
            }
            product = next
            entries.append(Entry(t: t, jacobian: product, norm: Vectors.frobenius(product), factorNorm: factorNorms[t]))
        }
        self.steps = steps
        self.entries = entries.reversed()
    }
}
