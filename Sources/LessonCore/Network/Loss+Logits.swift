import Foundation

extension Loss {
    /// Each output unit's contribution to L when a = f(z), finite wherever PyTorch's loss on the logits is.
    ///
    /// The terms are `term(aᵢ, yᵢ)`, except where f saturates so far that aᵢ is 0 or subnormal (log 0
    /// is −∞, and a subnormal holds too few digits for its log) or σ(z) rounds to 1 (log(1 − a) = −∞).
    /// There the logarithm is taken from z instead:
    /// - softmax with cross-entropy: log aᵢ = zᵢ − m − log Σⱼ e^(zⱼ − m), m = maxⱼ zⱼ
    ///   (PyTorch `CrossEntropyLoss` on the logits);
    /// - sigmoid with binary cross-entropy: log a = −softplus(−z), log(1 − a) = −softplus(z)
    ///   (PyTorch `BCEWithLogitsLoss`; `BCELoss` instead clamps each log at −100).
    /// Every other term, and every term of another pairing, is `term(aᵢ, yᵢ)` unchanged.
    public func terms(output a: [Double], target y: [Double], preActivation z: [Double], activation: Activation) -> [Double] {
        precondition(a.count == y.count && a.count == z.count, "loss of \(a.count) outputs against \(y.count) targets and \(z.count) logits")
        let plain = zip(a, y).map { term($0, $1) }
        let saturated = a.map { $0 < Double.leastNormalMagnitude || (self == .binaryCrossEntropy && $0 == 1) }
        guard simplifies(with: activation), saturated.contains(true) else { return plain }
        switch self {
        case .crossEntropy:
            let top = z.max() ?? 0
            let logTotal = log(z.reduce(0) { $0 + exp($1 - top) })
            return a.indices.map { i in saturated[i] && y[i] != 0 ? -y[i] * (z[i] - top - logTotal) : plain[i] }
        case .binaryCrossEntropy:
            return a.indices.map { i in
                guard saturated[i] else { return plain[i] }
                let logA = -Activation.softplus.value(-z[i]), logNotA = -Activation.softplus.value(z[i])
                return -((y[i] == 0 ? 0 : y[i] * logA) + (y[i] == 1 ? 0 : (1 - y[i]) * logNotA))
            }
        case .mse, .sse:
            return plain
        }
    }

    /// ∂L/∂aᵢ with a = f(z): `gradient(output:target:)`, except that for sigmoid with binary
    /// cross-entropy, where σ(z) rounds to 1 (or is subnormal), a(1 − a) is taken as σ(z)·σ(−z), so
    /// ∂L/∂a = (a − y)/(σ(z)σ(−z)) stays the finite number it is (about (1 − y)·e^z) instead of a division by 0.
    public func gradient(output a: [Double], target y: [Double], preActivation z: [Double], activation: Activation) -> [Double] {
        precondition(a.count == y.count && a.count == z.count, "loss gradient of \(a.count) outputs against \(y.count) targets and \(z.count) logits")
        let plain = gradient(output: a, target: y)
        guard self == .binaryCrossEntropy, activation == .sigmoid else { return plain }
        return a.indices.map { i in
            guard a[i] < Double.leastNormalMagnitude || a[i] == 1 else { return plain[i] }
            return (a[i] - y[i]) / (Activation.sigmoid(z[i]) * Activation.sigmoid(-z[i]))
        }
    }

    /// L(a, y) with a = f(z): the sum of `terms(output:target:preActivation:activation:)`.
    public func value(output a: [Double], target y: [Double], preActivation z: [Double], activation: Activation) -> Double {
        terms(output: a, target: y, preActivation: z, activation: activation).reduce(0, +)
    }
}
