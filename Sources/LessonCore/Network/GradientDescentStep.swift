import Foundation

/// One step of gradient descent, θ ← θ − α ∂L/∂θ for every weight and bias, with the loss
/// before and after.
public struct GradientDescentStep: Equatable, Codable, Sendable {
    /// α.
    public var learningRate: Double
    /// The network before the step.
    public var before: Network
    /// The network after the step.
    public var after: Network
    /// L before the step.
    public var lossBefore: Double
    /// L after the step, on the same input and target.
    public var lossAfter: Double
    /// One line per parameter: `w⁽¹⁾₁₂ ← −0.2 − 0.5×0.329 = −0.3645`.
    public var lines: [String]
}

extension Network {
    /// Applies θ ← θ − α ∂L/∂θ with the gradients of `backward` and recomputes the loss.
    public func gradientDescentStep(input: [Double], target: [Double], backward: BackwardTrace,
                                    learningRate: Double) throws -> GradientDescentStep {
        guard learningRate > 0, learningRate.isFinite else {
            throw InputError("the learning rate must be a number above 0, got \(Notation.number(learningRate))")
        }
        precondition(backward.layers.count == layers.count, "update with a trace from another network")
        var newLayers = layers
        var lines: [String] = []
        let alpha = Notation.factor(learningRate)
        for (index, layer) in layers.enumerated() {
            let grads = backward.layers[index]
            for i in 0..<layer.units {
                for j in 0..<layer.inputs {
                    let w = layer.weights[i, j], g = grads.gradWeights[i, j]
                    let updated = w - learningRate * g
                    newLayers[index].weights[i, j] = updated
                    lines.append("\(NetworkNotation.weight(layer: index + 1, i, j)) ← \(Notation.number(w)) − \(alpha)×\(Notation.factor(g)) = \(Notation.number(updated))")
                }
                let b = layer.bias[i], g = grads.gradBias[i]
                newLayers[index].bias[i] = b - learningRate * g
                lines.append("\(NetworkNotation.unit("b", layer: index + 1, i)) ← \(Notation.number(b)) − \(alpha)×\(Notation.factor(g)) = \(Notation.number(b - learningRate * g))")
            }
        }
        guard newLayers.allSatisfy({ layer in (layer.weights.scalars + layer.bias).allSatisfy(\.isFinite) }) else {
            throw InputError("the update θ − α·∂L/∂θ gives a weight or bias that is not a finite number (the loss or its gradients overflow); use smaller weights, inputs or learning rate")
        }
        let after = replacingParameters(newLayers)
        return GradientDescentStep(learningRate: learningRate, before: self, after: after,
                                   lossBefore: backward.loss.total,
                                   lossAfter: after.lossValue(input: input, target: target), lines: lines)
    }
}
