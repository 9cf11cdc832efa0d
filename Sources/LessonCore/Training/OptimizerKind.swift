import Foundation

/// The optimizers of the comparison, named as `torch.optim` configures them.
public enum OptimizerKind: String, Codable, Sendable, CaseIterable {
    /// `SGD(lr)`: θ ← θ − αg.
    case sgd
    /// `SGD(lr, momentum=0.9)`: v ← μv + g, θ ← θ − αv.
    case momentum
    /// `SGD(lr, momentum=0.9, nesterov=True)`: v ← μv + g, θ ← θ − α(g + μv).
    case nesterov
    /// `RMSprop(lr, alpha=0.99, eps=1e-8)`: s ← ρs + (1 − ρ)g², θ ← θ − αg/(√s + ε).
    case rmsprop
    /// `Adam(lr, betas=(0.9, 0.999), eps=1e-8)` with torch's bias correction.
    case adam

    /// The name on slides and in legends.
    public var title: String {
        switch self {
        case .sgd: return "SGD"
        case .momentum: return "Momentum"
        case .nesterov: return "Nesterov"
        case .rmsprop: return "RMSProp"
        case .adam: return "Adam"
        }
    }

    /// The update rule as `torch.optim` computes it (weight decay 0, dampening 0), in the
    /// order of its source.
    public var rule: [String] {
        switch self {
        case .sgd: return ["θ ← θ − α·g"]
        case .momentum: return ["v ← μ·v + g   (v₀ = 0, so v₁ = g)", "θ ← θ − α·v"]
        case .nesterov: return ["v ← μ·v + g", "θ ← θ − α·(g + μ·v)"]
        case .rmsprop: return ["s ← ρ·s + (1 − ρ)·g²", "θ ← θ − α·g / (√s + ε)   (ε outside the square root)"]
        case .adam:
            return ["m ← β₁·m + (1 − β₁)·g,   v ← β₂·v + (1 − β₂)·g²",
                    "denominator = √v / √(1 − β₂ᵗ) + ε,   step size = α / (1 − β₁ᵗ)",
                    "θ ← θ − step size · m / denominator"]
        }
    }

    /// Reads a comma list such as `sgd,adam` or `all`; throws naming an unknown name.
    public static func list(_ text: String) throws -> [OptimizerKind] {
        if text.trimmingCharacters(in: .whitespaces).lowercased() == "all" { return allCases }
        var result: [OptimizerKind] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let kind = OptimizerKind(rawValue: name) else {
                throw InputError("--optimizer \(text): '\(name)' is not an optimizer; expected a comma list of sgd, momentum, nesterov, rmsprop, adam (or all)")
            }
            if !result.contains(kind) { result.append(kind) }
        }
        return result
    }
}
