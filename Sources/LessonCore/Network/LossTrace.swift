import Foundation

/// The loss of one forward pass written out: each output unit's term, the L2 term, the total.
public struct LossTrace: Equatable, Codable, Sendable {
    /// The loss function.
    public var loss: Loss
    /// a⁽ᴸ⁾.
    public var output: [Double]
    /// y.
    public var target: [Double]
    /// Each output unit's contribution to the data loss.
    public var terms: [Double]
    /// loss(a, y) without regularization.
    public var dataLoss: Double
    /// λ.
    public var l2: Double
    /// Σ w² over every weight.
    public var sumOfSquaredWeights: Double
    /// (λ/2m)Σ w².
    public var regularization: Double
    /// L = data loss + regularization.
    public var total: Double
    /// The lines that write the loss out.
    public var lines: [String]
}

extension Network {
    /// L = loss(a⁽ᴸ⁾, y) + (λ/2m)Σw², each output unit's term written out.
    public func lossTrace(_ forward: ForwardTrace, target: [Double]) throws -> LossTrace {
        try validate(target: target)
        let a = forward.output, y = target
        let z = forward.layers.last?.z ?? a, activation = forward.layers.last?.activation ?? .linear
        let logarithms = loss.logarithms(output: a, preActivation: z, activation: activation)
        let terms = loss.terms(output: a, target: y, preActivation: z, activation: activation)
        let dataLoss = terms.reduce(0, +)
        let squares = sumOfSquaredWeights
        let regularization = l2 / (2 * Self.exampleCount) * squares
        let total = dataLoss + regularization
        let n: (Double, Int?) -> String = Notation.number
        let written: [String] = a.indices.map { i in
            if let logarithms { return loss.written(a[i], y[i], logarithms: logarithms[i]) }
            return loss == .mse ? "(\(n(a[i], 4)) − \(Notation.factor(y[i])))²" : "(\(n(y[i], 4)) − \(Notation.factor(a[i])))²"
        }
        var lines: [String] = [loss.formula]
        let joined = written.joined(separator: " + ")
        switch loss {
        case .mse: lines.append("L = ½[\(joined)] = \(n(dataLoss, 6))")
        case .sse: lines.append("L = \(joined) = \(n(dataLoss, 6))")
        case .binaryCrossEntropy, .crossEntropy: lines.append("L = −[\(joined)] = \(n(dataLoss, 6))")
        }
        if let logarithms {
            lines += a.indices.flatMap { loss.logitNotes(unit: $0, a: a[$0], z: z, activation: activation, logarithms: logarithms[$0]) }
        }
        if l2 > 0 {
            lines.append("L2 term: (λ/2m)Σw² = (\(n(l2, 6))/(2×\(n(Self.exampleCount, 0))))×\(n(squares, 6)) = \(n(regularization, 6))")
            lines.append("L = \(n(dataLoss, 6)) + \(n(regularization, 6)) = \(n(total, 6))")
        }
        return LossTrace(loss: loss, output: a, target: y, terms: terms, dataLoss: dataLoss, l2: l2,
                         sumOfSquaredWeights: squares, regularization: regularization, total: total, lines: lines)
    }
}
