/// A small regression data set {xⁱ, yⁱ}, i = 1…N, with the seed's loss
/// J(θ) = (1/N) Σᵢ (ŷⁱ − yⁱ)² (seeds/004, "Variants of gradient descent").
///
/// Each example's own loss is Jⁱ = (ŷⁱ − yⁱ)², so ∂Jⁱ/∂θ = 2(ŷⁱ − yⁱ)·xⁱ and, with an
/// intercept, ∂Jⁱ/∂b = 2(ŷⁱ − yⁱ). Indices here are 0-based; text prints them 1-based.
public struct RegressionData: Equatable, Codable, Sendable {
    /// The inputs xⁱ.
    public var x: [Double]
    /// The targets yⁱ.
    public var y: [Double]

    /// A data set; throws when the lists are empty, of different lengths or not finite.
    public init(x: [Double], y: [Double]) throws {
        guard !x.isEmpty else { throw InputError("the data set is empty; give at least one x and one y") }
        guard x.count == y.count else {
            throw InputError("the data set has \(x.count) \(Counted.noun(x.count, "input")) x but \(y.count) \(Counted.noun(y.count, "target")) y; give one target per input")
        }
        guard (x + y).allSatisfy(\.isFinite) else { throw InputError("the data set holds a number that is not finite") }
        self.x = x
        self.y = y
    }

    /// N, the number of examples.
    public var count: Int { x.count }

    /// One example's term of a (batch-averaged) gradient: ŷⁱ, the residual ŷⁱ − yⁱ, and
    /// ∂Jⁱ/∂parameter = 2(ŷⁱ − yⁱ)·∂ŷ/∂parameter for each parameter.
    public func term(_ i: Int, model: RegressionModel, parameters: [Double]) -> DescentTerm {
        let prediction = model.predict(x[i], parameters: parameters)
        let residual = prediction - y[i]
        return DescentTerm(index: i, x: x[i], y: y[i], prediction: prediction, residual: residual,
                           gradient: model.inputGradient(x[i]).map { 2 * residual * $0 })
    }

    /// J = (1/N) Σᵢ (ŷⁱ − yⁱ)² over the whole data set.
    public func loss(model: RegressionModel, parameters: [Double]) -> Double {
        var sum = 0.0
        for i in x.indices {
            let r = model.predict(x[i], parameters: parameters) - y[i]
            sum += r * r
        }
        return sum / Double(count)
    }

    /// The Hessian of J, (2/N) Σᵢ ∇ŷⁱ(∇ŷⁱ)ᵀ: constant, since J is quadratic in the parameters.
    public func hessian(model: RegressionModel) -> [[Double]] {
        let n = model.parameterNames.count
        var h = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for xi in x {
            let g = model.inputGradient(xi)
            for r in 0..<n { for c in 0..<n { h[r][c] += 2 * g[r] * g[c] / Double(count) } }
        }
        return h
    }
}
