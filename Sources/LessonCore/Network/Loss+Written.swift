import Foundation

extension Loss {
    /// One output unit's cross-entropy term written with its numbers, `1·log 0.3 + 0·log 0.7`, each
    /// log as the loss took it: `log p` where it came from aᵢ (a tiny p in scientific notation, so
    /// log 4.5×10⁻¹⁴ is not written log 0), its value `(−5410.0667)` where it came from zᵢ.
    func written(_ a: Double, _ y: Double, logarithms: OutputLogarithms) -> String {
        let output = "\(Notation.factor(y))·" + Self.written(log: logarithms.output, of: a, fromLogits: logarithms.fromLogits)
        guard self == .binaryCrossEntropy else { return output }
        return output + " + \(Notation.factor(1 - y))·" + Self.written(log: logarithms.complement, of: 1 - a, fromLogits: logarithms.fromLogits)
    }

    /// `log p`, or the value of the log where it was taken from z because p is 0, subnormal, or
    /// (1 − a of a sigmoid output) below `nearlyOne`, with too few exact digits to write.
    static func written(log value: Double, of p: Double, fromLogits: Bool) -> String {
        if fromLogits && p < nearlyOne { return Notation.factor(value) }
        return "log " + Notation.nonzero(p)
    }

    /// The lines that say where a log written as its value came from: one per log of unit `unit`
    /// (0-based) taken from z, with z's numbers; none where the logs are those of aᵢ.
    func logitNotes(unit: Int, a: Double, z: [Double], activation: Activation, logarithms: OutputLogarithms) -> [String] {
        guard logarithms.fromLogits else { return [] }
        let i = Notation.subscriptDigits(unit + 1), n = { (v: Double) in Notation.number(v) }
        let zi = z[unit]
        switch self {
        case .crossEntropy:
            guard a < Double.leastNormalMagnitude else { return [] }
            if activation == .sigmoid {
                return ["log a\(i) = log σ(z\(i)) = −softplus(−z\(i)) = −softplus(\(n(-zi))) = \(n(logarithms.output)): a\(i) = σ(\(n(zi))) \(Self.vanishes(a)), so its log is taken from z (as PyTorch's F.logsigmoid)"]
            }
            let m = z.max() ?? zi
            let logSum = zi - m - logarithms.output
            return ["log a\(i) = z\(i) − m − log Σⱼ e^(zⱼ − m) = \(n(zi)) − \(Notation.factor(m)) − \(Notation.factor(logSum)) = \(n(logarithms.output)) with m = maxⱼ zⱼ: a\(i) \(Self.vanishes(a)), so its log is taken from z (as PyTorch's CrossEntropyLoss on the logits)"]
        case .binaryCrossEntropy:
            var notes: [String] = []
            if a < Double.leastNormalMagnitude {
                notes.append("log a\(i) = log σ(z\(i)) = −softplus(−z\(i)) = −softplus(\(n(-zi))) = \(n(logarithms.output)): a\(i) = σ(\(n(zi))) \(Self.vanishes(a)), so its log is taken from z (as PyTorch's BCEWithLogitsLoss)")
            }
            if 1 - a < Self.nearlyOne {
                let why = 1 - a < Double.leastNormalMagnitude ? "rounds to 1 and log 0 is −∞"
                    : "is within 10⁻⁶ of 1, where 1 − a\(i) keeps few exact digits"
                notes.append("log(1 − a\(i)) = log σ(−z\(i)) = −softplus(z\(i)) = −softplus(\(n(zi))) = \(n(logarithms.complement)): a\(i) = σ(\(n(zi))) \(why), so log(1 − a\(i)) is taken from z (as PyTorch's BCEWithLogitsLoss)")
            }
            return notes
        case .mse, .sse:
            return []
        }
    }

    /// How an output too near 0 for its log is described: "is 0 and log 0 is −∞", or subnormal.
    static func vanishes(_ a: Double) -> String {
        a == 0 ? "rounds to 0 and log 0 is −∞" : "is subnormal (\(Notation.scientific(a, decimals: 1)), too few digits for its log)"
    }
}
