/// One gradient-descent step θ ← θ − η ∂E/∂θ on every parameter (ΔU = −η ∂E/∂U, …, seeds/003),
/// with the loss before and after.
public struct RecurrentUpdate: Equatable, Codable, Sendable {
    /// η.
    public var learningRate: Double
    /// The parameters after the step.
    public var after: RecurrentGradients
    /// E before the step.
    public var lossBefore: Double
    /// E after the step, on the same sequence.
    public var lossAfter: Double
}

extension RecurrentNetwork {
    /// Takes one step against `gradients` (the truncated ones when truncating).
    public func update(_ sequence: RecurrentSequence, gradients: RecurrentGradients, lossBefore: Double,
                       learningRate: Double) throws -> RecurrentUpdate {
        let after = parameters.with(flat: zip(parameters.flat, gradients.flat).map { $0 - learningRate * $1 })
        let lossAfter = try replacing(after).forward(sequence).loss
        return RecurrentUpdate(learningRate: learningRate, after: after, lossBefore: lossBefore, lossAfter: lossAfter)
    }
}
