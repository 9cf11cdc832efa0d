/// The model of the gradient-descent lesson: a line through the origin, ŷ = θx, or a line
/// with an intercept, ŷ = θx + b (seeds/004, "Variants of gradient descent").
public enum RegressionModel: String, Codable, Sendable, CaseIterable {
    /// ŷ = θx: one parameter, θ.
    case throughOrigin = "through-origin"
    /// ŷ = θx + b: two parameters, θ then b.
    case withIntercept = "with-intercept"

    /// The parameters' names, in the order of every parameter vector: `["θ"]` or `["θ", "b"]`.
    public var parameterNames: [String] { self == .throughOrigin ? ["θ"] : ["θ", "b"] }

    /// The model written out: `ŷ = θx` or `ŷ = θx + b`.
    public var formula: String { self == .throughOrigin ? "ŷ = θx" : "ŷ = θx + b" }

    /// ŷ for one input, with `parameters` in the order of `parameterNames`.
    public func predict(_ x: Double, parameters: [Double]) -> Double {
        self == .throughOrigin ? parameters[0] * x : parameters[0] * x + parameters[1]
    }

    /// ∂ŷ/∂parameter for each parameter: (x) or (x, 1).
    public func inputGradient(_ x: Double) -> [Double] {
        self == .throughOrigin ? [x] : [x, 1]
    }
}
