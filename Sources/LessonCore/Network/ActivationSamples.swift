/// An activation sampled on a grid of z: f(z) and f′(z) at each point, for tables and plots.
public struct ActivationSamples: Equatable, Codable, Sendable {
    /// The activation sampled (never softmax, which has no one-unit curve).
    public var activation: Activation
    /// The z values, increasing.
    public var z: [Double]
    /// f(z) at each.
    public var values: [Double]
    /// f′(z) at each.
    public var derivatives: [Double]
}

extension Activation {
    /// f and f′ at `count` evenly spaced points from `lower` to `upper` (both included).
    public func samples(from lower: Double, to upper: Double, count: Int = 401) -> ActivationSamples {
        precondition(isElementwise, "softmax has no one-unit curve to sample")
        precondition(count >= 2 && upper > lower, "samples need two points and lower < upper")
        let z = (0..<count).map { lower + (upper - lower) * Double($0) / Double(count - 1) }
        return ActivationSamples(activation: self, z: z, values: z.map(value), derivatives: z.map(derivative))
    }
}
