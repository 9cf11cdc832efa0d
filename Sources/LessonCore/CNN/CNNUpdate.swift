/// One step of gradient descent on a `SmallCNN`, θ ← θ − α ∂L/∂θ for every weight and bias,
/// with the loss before and after on the same image and target.
public struct CNNUpdate: Equatable, Sendable, Codable {
    /// α.
    public var learningRate: Double
    /// The network before the step.
    public var before: SmallCNN
    /// The network after the step.
    public var after: SmallCNN
    /// L before the step.
    public var lossBefore: Double
    /// L after the step.
    public var lossAfter: Double
    /// One line per parameter: `w₁[1,1] ← 1 − 0.01×(−0.088) = 1.00088`.
    public var lines: [String]
}

extension SmallCNN {
    /// Applies θ ← θ − α ∂L/∂θ to every parameter with the gradients of `backward`, and recomputes the loss.
    public func gradientDescentStep(_ image: Tensor, target: [Double], backward: CNNBackwardTrace,
                                    lossBefore: Double, learningRate: Double) throws -> CNNUpdate {
        guard learningRate > 0, learningRate.isFinite else {
            throw InputError("the learning rate must be a number above 0, got \(Notation.number(learningRate))")
        }
        var after = self
        var lines: [String] = []
        let alpha = Notation.factor(learningRate, decimals: 6)
        for parameter in parameters {
            let old = self[parameter], g = backward.gradient(parameter)
            let new = old - learningRate * g
            after[parameter] = new
            lines.append("\(parameter.name) ← \(Notation.number(old, decimals: 6)) − \(alpha)×\(Notation.factor(g, decimals: 6)) = \(Notation.number(new, decimals: 6))")
        }
        // A step so long that the new parameters, or the loss they give, overflow is the
        // learning rate's doing: say so rather than name the convolution cell that overflowed.
        let tooLarge = "use a smaller learning rate (α = \(Notation.number(learningRate)))"
        guard parameters.allSatisfy({ after[$0].isFinite }) else {
            throw InputError("the update θ − α·∂L/∂θ gives a parameter that is not a finite number; \(tooLarge)")
        }
        let lossAfter: Double
        do { lossAfter = try after.lossValue(image, target: target) } catch let error as InputError {
            throw InputError("after the step the loss cannot be computed (\(error.message)); \(tooLarge)")
        }
        return CNNUpdate(learningRate: learningRate, before: self, after: after, lossBefore: lossBefore,
                         lossAfter: lossAfter, lines: lines)
    }
}
