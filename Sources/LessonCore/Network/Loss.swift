import Foundation

/// A loss comparing the network's output a with the target y, for one example, summed over
/// the output units (not averaged).
///
/// - mse: L = ½Σᵢ(aᵢ − yᵢ)², ∂L/∂aᵢ = aᵢ − yᵢ (the notes' regression loss)
/// - sse: L = Σᵢ(yᵢ − aᵢ)², ∂L/∂aᵢ = 2(aᵢ − yᵢ)
/// - binary-cross-entropy: L = −Σᵢ[yᵢ log aᵢ + (1 − yᵢ) log(1 − aᵢ)], ∂L/∂aᵢ = (aᵢ − yᵢ)/(aᵢ(1 − aᵢ))
/// - cross-entropy: L = −Σᵢ yᵢ log aᵢ, ∂L/∂aᵢ = −yᵢ/aᵢ
///
/// With one example these equal PyTorch's `MSELoss(reduction="sum")/2`, `MSELoss(reduction="sum")`,
/// `BCELoss(reduction="sum")` and `CrossEntropyLoss` on the logits z with a probability target.
public enum Loss: String, Codable, CaseIterable, Sendable {
    case mse
    case sse
    case binaryCrossEntropy = "binary-cross-entropy"
    case crossEntropy = "cross-entropy"

    /// Reads a name as a lesson file or option writes it, or an error listing the names.
    public static func named(_ name: String) throws -> Loss {
        guard let loss = Loss(rawValue: name.lowercased()) else {
            throw InputError("unknown loss '\(name)'; expected one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return loss
    }

    /// L(a, y).
    public func value(output a: [Double], target y: [Double]) -> Double {
        precondition(a.count == y.count, "loss of \(a.count) outputs against \(y.count) targets")
        return zip(a, y).reduce(0) { $0 + term($1.0, $1.1) }
    }

    /// The contribution of one output unit to L.
    public func term(_ a: Double, _ y: Double) -> Double {
        switch self {
        case .mse: return 0.5 * (a - y) * (a - y)
        case .sse: return (y - a) * (y - a)
        case .binaryCrossEntropy, .crossEntropy: return term(y, logarithms: OutputLogarithms(of: a))
        }
    }

    /// A cross-entropy term from the logarithms it uses: −[y log a + (1 − y) log(1 − a)] or
    /// −y log a. A log whose factor is 0 is left out (0·log 0 counts as 0, as in the limit).
    func term(_ y: Double, logarithms: OutputLogarithms) -> Double {
        switch self {
        case .binaryCrossEntropy: return -((y == 0 ? 0 : y * logarithms.output) + (y == 1 ? 0 : (1 - y) * logarithms.complement))
        case .crossEntropy: return y == 0 ? 0 : -y * logarithms.output
        case .mse, .sse: preconditionFailure("\(rawValue) has no logarithms")
        }
    }

    /// ∂L/∂aᵢ for every output unit.
    public func gradient(output a: [Double], target y: [Double]) -> [Double] {
        precondition(a.count == y.count, "loss gradient of \(a.count) outputs against \(y.count) targets")
        return zip(a, y).map { a, y in
            switch self {
            case .mse: return a - y
            case .sse: return 2 * (a - y)
            case .binaryCrossEntropy: return (a - y) / (a * (1 - a))
            case .crossEntropy: return y == 0 ? 0 : -y / a
            }
        }
    }

    /// Whether this loss after `activation` gives δ = a − y at the output: softmax with
    /// cross-entropy, and sigmoid with binary cross-entropy.
    public func simplifies(with activation: Activation) -> Bool {
        (self == .crossEntropy && activation == .softmax) || (self == .binaryCrossEntropy && activation == .sigmoid)
    }

    /// ∂L/∂a as a trace records it: nil where this loss and `activation` simplify (δ = a − y does
    /// not use it) and `gradient` overflows (an output rounds to 0, and −y/a is beyond any number; or,
    /// for binary cross-entropy, 1 − a rounds to 0 and (a − y)/(a(1 − a)) is).
    public func recorded(gradient: [Double], activation: Activation) -> [Double]? {
        simplifies(with: activation) && !gradient.allSatisfy(\.isFinite) ? nil : gradient
    }

    /// The loss as the notes write it.
    public var formula: String {
        switch self {
        case .mse: return "L = ½Σᵢ(aᵢ − yᵢ)²"
        case .sse: return "L = Σᵢ(yᵢ − aᵢ)²"
        case .binaryCrossEntropy: return "L = −Σᵢ[yᵢ log aᵢ + (1 − yᵢ) log(1 − aᵢ)]"
        case .crossEntropy: return "L = −Σᵢ yᵢ log aᵢ"
        }
    }

    /// ∂L/∂aᵢ as a formula.
    public var gradientFormula: String {
        switch self {
        case .mse: return "∂L/∂aᵢ = aᵢ − yᵢ"
        case .sse: return "∂L/∂aᵢ = 2(aᵢ − yᵢ)"
        case .binaryCrossEntropy: return "∂L/∂aᵢ = (aᵢ − yᵢ)/(aᵢ(1 − aᵢ))"
        case .crossEntropy: return "∂L/∂aᵢ = −yᵢ/aᵢ"
        }
    }
}
