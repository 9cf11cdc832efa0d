import Foundation

/// An activation function f applied to a layer's pre-activations z to give a = f(z).
///
/// Every activation but softmax acts unit by unit: aᵢ = f(zᵢ), with derivative f′(zᵢ).
/// Softmax acts on the whole vector, aᵢ = exp(zᵢ) / Σⱼ exp(zⱼ), and its derivative is the
/// Jacobian ∂aᵢ/∂zⱼ = aᵢ(𝟙[i = j] − aⱼ); it may only be the last layer's activation.
/// Derivatives at kinks follow PyTorch: ReLU′(0) = 0, and the step's derivative is 0 everywhere.
public enum Activation: String, Codable, CaseIterable, Sendable {
    /// σ(z) = 1/(1 + e^(−z)); σ′ = σ(1 − σ).
    case sigmoid
    /// tanh(z); tanh′ = 1 − tanh².
    case tanh
    /// ReLU(z) = max(0, z); ReLU′ = 1 for z > 0, else 0.
    case relu
    /// softplus(z) = log(1 + e^z); softplus′ = σ(z).
    case softplus
    /// f(z) = z; f′ = 1.
    case linear
    /// aᵢ = exp(zᵢ)/Σⱼ exp(zⱼ), over the whole layer.
    case softmax
    /// The threshold unit: 1 if z ≥ 0, else 0; derivative 0.
    case step

    /// Reads a name as a lesson file or option writes it, or an error listing the names.
    public static func named(_ name: String) throws -> Activation {
        guard let activation = Activation(rawValue: name.lowercased()) else {
            throw InputError("unknown activation '\(name)'; expected one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return activation
    }

    /// The z where f jumps (the step function at 0): a plot must not join the two sides.
    public var valueJumps: [Double] { self == .step ? [0] : [] }

    /// The z where f′ jumps (ReLU′ from 0 to 1 at 0): a plot must not draw a vertical line there.
    public var derivativeJumps: [Double] { self == .relu ? [0] : [] }

    /// Whether f acts unit by unit (every activation but softmax).
    public var isElementwise: Bool { self != .softmax }

    /// f(z) for one unit. Softmax has no one-unit value; use `apply(_:)`.
    public func value(_ z: Double) -> Double {
        switch self {
        case .sigmoid: return Self.sigmoid(z)
        case .tanh: return Foundation.tanh(z)
        case .relu: return max(0, z)
        // log(1 + e^z) = max(z, 0) + log(1 + e^(−|z|)), which neither overflows nor loses digits.
        case .softplus: return max(z, 0) + log1p(exp(-abs(z)))
        case .linear: return z
        case .step: return z >= 0 ? 1 : 0
        case .softmax: preconditionFailure("softmax acts on a whole layer; call apply(_:)")
        }
    }

    /// f′(z) for one unit. Softmax has no one-unit derivative; use `jacobian(_:)`.
    public func derivative(_ z: Double) -> Double {
        switch self {
        case .sigmoid:
            let s = Self.sigmoid(z)
            return s * (1 - s)
        case .tanh:
            let t = Foundation.tanh(z)
            return 1 - t * t
        case .relu: return z > 0 ? 1 : 0
        case .softplus: return Self.sigmoid(z)
        case .linear: return 1
        case .step: return 0
        case .softmax: preconditionFailure("softmax has a Jacobian, not a one-unit derivative; call jacobian(_:)")
        }
    }

    /// a = f(z) for a whole layer.
    public func apply(_ z: [Double]) -> [Double] {
        guard self == .softmax else { return z.map(value) }
        // Subtracting the largest zⱼ changes nothing mathematically and keeps exp from overflowing.
        let top = z.max() ?? 0
        let exps = z.map { exp($0 - top) }
        let total = exps.reduce(0, +)
        return exps.map { $0 / total }
    }

    /// The softmax Jacobian Jᵢⱼ = ∂aᵢ/∂zⱼ = aᵢ(𝟙[i = j] − aⱼ), from the softmax outputs `a`.
    public static func softmaxJacobian(_ a: [Double]) -> Tensor {
        var jacobian = Tensor(shape: [a.count, a.count])
        for i in a.indices { for j in a.indices { jacobian[i, j] = a[i] * ((i == j ? 1 : 0) - a[j]) } }
        return jacobian
    }

    /// The logistic function 1/(1 + e^(−z)), computed without overflow for large |z|.
    public static func sigmoid(_ z: Double) -> Double {
        if z >= 0 { return 1 / (1 + exp(-z)) }
        let e = exp(z)
        return e / (1 + e)
    }

    /// The function as the notes write it, with the unit's z: `tanh(z)`, `σ(z) = 1/(1 + e^(−z))`.
    public var formula: String {
        switch self {
        case .sigmoid: return "σ(z) = 1/(1 + e^(−z))"
        case .tanh: return "tanh(z) = (e^(2z) − 1)/(e^(2z) + 1)"
        case .relu: return "ReLU(z) = max(0, z)"
        case .softplus: return "softplus(z) = log(1 + e^z)"
        case .linear: return "f(z) = z"
        case .softmax: return "softmax(z)ᵢ = exp(zᵢ)/Σⱼ exp(zⱼ)"
        case .step: return "step(z) = 1 if z ≥ 0, else 0"
        }
    }

    /// The derivative as the notes write it.
    public var derivativeFormula: String {
        switch self {
        case .sigmoid: return "σ′(z) = σ(z)(1 − σ(z))"
        case .tanh: return "tanh′(z) = 1 − tanh²(z)"
        case .relu: return "ReLU′(z) = 1 if z > 0, else 0"
        case .softplus: return "softplus′(z) = σ(z)"
        case .linear: return "f′(z) = 1"
        case .softmax: return "∂aᵢ/∂zⱼ = aᵢ(𝟙[i = j] − aⱼ)"
        case .step: return "step′(z) = 0 (no gradient flows through a threshold)"
        }
    }

    /// The short name used inside sums: `σ`, `tanh`, `ReLU`, `softplus`, `linear`, `softmax`, `step`.
    public var symbol: String {
        switch self {
        case .sigmoid: return "σ"
        case .tanh: return "tanh"
        case .relu: return "ReLU"
        case .softplus: return "softplus"
        case .linear: return "linear"
        case .softmax: return "softmax"
        case .step: return "step"
        }
    }
}
