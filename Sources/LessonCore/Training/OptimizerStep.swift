/// One step t of an optimizer: the gradient at the point before, the state after, the update.
public struct OptimizerStep: Equatable, Codable, Sendable {
    /// t, from 1.
    public var step: Int
    /// The point θ_{t−1} and J there.
    public var before: Point2
    public var lossBefore: Double
    /// g = ∇J(θ_{t−1}).
    public var gradient: Point2
    /// The optimizer's state after the step: v (momentum, Nesterov), s (RMSProp), m and v
    /// (Adam, as `first` and `second`); nil where it has none.
    public var first: Point2?
    public var second: Point2?
    /// The vector the learning rate multiplies: g, v, g + μv, g/(√s + ε), or for Adam
    /// m/denominator with the step size α/(1 − β₁ᵗ) folded into `scale`.
    public var direction: Point2
    /// The factor in front of `direction`: α, or α/(1 − β₁ᵗ) for Adam.
    public var scale: Double
    /// Adam's denominator √v/√(1 − β₂ᵗ) + ε, per coordinate.
    public var denominator: Point2?
    /// θ_t = θ_{t−1} − scale · direction, and J there.
    public var after: Point2
    public var lossAfter: Double
}
