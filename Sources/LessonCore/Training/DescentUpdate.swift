/// One update θ ← θ − α · (1/|B|) Σ_{i∈B} ∂Jⁱ/∂θ of a gradient-descent run, term by term.
public struct DescentUpdate: Equatable, Codable, Sendable {
    /// The epoch (1-based) and the update's number in the whole run (1-based).
    public var epoch: Int
    public var step: Int
    /// The examples averaged, in order, each with its gradient term.
    public var terms: [DescentTerm]
    /// The parameters before the update.
    public var before: [Double]
    /// The batch average (1/|B|) Σ ∂Jⁱ/∂parameter, one per parameter.
    public var gradient: [Double]
    /// The parameters after the update.
    public var after: [Double]
    /// J over the whole data set after the update.
    public var loss: Double
}
