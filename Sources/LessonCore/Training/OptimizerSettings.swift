/// The hyperparameters of an optimizer run, with `torch.optim`'s defaults.
public struct OptimizerSettings: Equatable, Codable, Sendable {
    /// α (`lr`).
    public var learningRate: Double
    /// μ of momentum and Nesterov (torch's `momentum`; the lesson uses 0.9).
    public var momentum: Double = 0.9
    /// ρ of RMSProp (torch's `alpha`, default 0.99).
    public var rmspropAlpha: Double = 0.99
    /// β₁ and β₂ of Adam (torch's `betas`, default (0.9, 0.999)).
    public var beta1: Double = 0.9
    public var beta2: Double = 0.999
    /// ε of RMSProp and Adam (default 1e-8), added outside the square root.
    public var epsilon: Double = 1e-8

    /// Settings with the given learning rate and the defaults; throws if α ≤ 0 or not finite.
    public init(learningRate: Double) throws {
        try Self.checkLearningRate(learningRate)
        self.learningRate = learningRate
    }

    /// Throws the lesson's sentence for a learning rate that is not a number above 0.
    public static func checkLearningRate(_ alpha: Double) throws {
        guard alpha.isFinite, alpha > 0 else {
            throw InputError("the learning rate must be a number above 0, got \(Notation.number(alpha, decimals: 6))")
        }
    }
}
