import Foundation

extension Loss {
    /// Each output unit's contribution to L when a = f(z), finite wherever PyTorch's loss on the logits is:
    /// `term(aᵢ, yᵢ)`, or for cross-entropy the term of `logarithms(output:preActivation:activation:)`.
    public func terms(output a: [Double], target y: [Double], preActivation z: [Double], activation: Activation) -> [Double] {
        precondition(a.count == y.count && a.count == z.count, "loss of \(a.count) outputs against \(y.count) targets and \(z.count) logits")
        guard let logarithms = logarithms(output: a, preActivation: z, activation: activation) else {
            return zip(a, y).map { term($0, $1) }
        }
        return zip(y, logarithms).map { term($0, logarithms: $1) }
    }

    /// The logarithms each output unit's cross-entropy term uses (nil for mse and sse).
    ///
    /// They are log aᵢ and log(1 − aᵢ), except where f saturates so far that aᵢ is 0 or subnormal
    /// (log 0 is −∞, and a subnormal holds too few digits for its log) or σ(z) is within
    /// `nearlyOne` of 1 (1 − a then keeps few exact digits: a is σ(z) rounded to 2⁻⁵³, so at
    /// 1 − a = 10⁻¹¹ its log is off by 10⁻⁵, and at 1 − a = 0 it is −∞). There they are taken
    /// from z instead:
    /// - softmax with cross-entropy: log aᵢ = zᵢ − m − log Σⱼ e^(zⱼ − m), m = maxⱼ zⱼ
    ///   (PyTorch `CrossEntropyLoss` on the logits);
    /// - sigmoid with binary cross-entropy: log a = −softplus(−z), log(1 − a) = −softplus(z)
    ///   (PyTorch `BCEWithLogitsLoss`; `BCELoss` instead clamps each log at −100);
    /// - sigmoid with cross-entropy (−Σ y log a): log a = −softplus(−z) (`F.logsigmoid`).
    /// Every other unit, and every unit of another pairing, keeps the logs of aᵢ.
    public func logarithms(output a: [Double], preActivation z: [Double], activation: Activation) -> [OutputLogarithms]? {
        precondition(a.count == z.count, "logarithms of \(a.count) outputs from \(z.count) logits")
        guard self == .binaryCrossEntropy || self == .crossEntropy else { return nil }
        let plain = a.map(OutputLogarithms.init(of:))
        let saturated = a.map { $0 < Double.leastNormalMagnitude || (self == .binaryCrossEntropy && 1 - $0 < Self.nearlyOne) }
        // −Σ y log σ(z) (cross-entropy on sigmoid outputs) takes log σ(z) = −softplus(−z) as BCE does.
        let sigmoidCrossEntropy = self == .crossEntropy && activation == .sigmoid
        guard simplifies(with: activation) || sigmoidCrossEntropy, saturated.contains(true) else { return plain }
        if sigmoidCrossEntropy {
            return a.indices.map { i in
                saturated[i] ? OutputLogarithms(output: -Activation.softplus.value(-z[i]), complement: plain[i].complement, fromLogits: true) : plain[i]
            }
        }
        if self == .crossEntropy {
            let top = z.max() ?? 0
            let logTotal = log(z.reduce(0) { $0 + exp($1 - top) })
            return a.indices.map { i in
                saturated[i] ? OutputLogarithms(output: z[i] - top - logTotal, complement: plain[i].complement, fromLogits: true) : plain[i]
            }
        }
        return a.indices.map { i in
            saturated[i] ? OutputLogarithms(output: -Activation.softplus.value(-z[i]), complement: -Activation.softplus.value(z[i]),
                                            fromLogits: true) : plain[i]
        }
    }

    /// How near 1 a sigmoid output may come before binary cross-entropy takes log(1 − a) from z:
    /// above 1 − 10⁻⁶, 1 − a has lost more than 10 of its 16 digits.
    public static let nearlyOne = 1e-6

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
