/// A whole optimizer run on a loss surface: every step's gradient, state and update.
public struct OptimizerTrace: Equatable, Codable, Sendable {
    /// Which optimizer, with which settings.
    public var kind: OptimizerKind
    public var settings: OptimizerSettings
    /// The start θ₀ and J there.
    public var start: Point2
    public var startLoss: Double
    /// The steps, t = 1, 2, ….
    public var steps: [OptimizerStep]

    /// θ₀, θ₁, …: steps + 1 points.
    public var points: [Point2] { [start] + steps.map(\.after) }
    /// J at every point.
    public var losses: [Double] { [startLoss] + steps.map(\.lossAfter) }
}
