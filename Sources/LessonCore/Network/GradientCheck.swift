import Foundation

/// Backpropagation's gradients against central finite differences, parameter by parameter.
///
/// Numeric gradient: (L(θ + ε) − L(θ − ε))/(2ε), whose error is O(ε²·L‴) plus the rounding
/// of L divided by ε; with ε = 1e-6 and Double both stay below about 1e-9 for smooth
/// activations of lesson-sized numbers. ReLU and step have kinks where the two disagree.
public struct GradientCheck: Equatable, Codable, Sendable {
    /// The step ε.
    public var epsilon: Double
    /// One entry per weight and bias, layer by layer, weights row by row then biases.
    public var entries: [Entry]

    /// One parameter's two gradients.
    public struct Entry: Equatable, Codable, Sendable {
        /// `w⁽¹⁾₁₂` or `b⁽²⁾₁`.
        public var name: String
        /// l, 1-based.
        public var layer: Int
        /// The unit (row of W), 0-based.
        public var row: Int
        /// The input (column of W), 0-based; nil for a bias.
        public var column: Int?
        /// From backpropagation.
        public var analytic: Double
        /// From central differences.
        public var numeric: Double
        /// |analytic − numeric|.
        public var difference: Double
    }

    /// The largest |analytic − numeric| over every parameter.
    public var largestDifference: Double { entries.map(\.difference).max() ?? 0 }
    /// The entry with the largest difference.
    public var worst: Entry? { entries.max { $0.difference < $1.difference } }
}

extension Network {
    /// Central differences (L(θ + ε) − L(θ − ε))/2ε for every weight and bias, next to the
    /// gradients of `backward` (a backward pass of this network on `input` and `target`).
    public func gradientCheck(input: [Double], target: [Double], backward: BackwardTrace,
                              epsilon: Double = 1e-6) -> GradientCheck {
        precondition(backward.layers.count == layers.count, "gradient check of a trace from another network")
        var entries: [GradientCheck.Entry] = []
        func numeric(_ change: (inout [Layer], Double) -> Void) -> Double {
            var plus = layers, minus = layers
            change(&plus, epsilon)
            change(&minus, -epsilon)
            let up = replacingParameters(plus).lossValue(input: input, target: target)
            let down = replacingParameters(minus).lossValue(input: input, target: target)
            return (up - down) / (2 * epsilon)
        }
        for (index, layer) in layers.enumerated() {
            let grads = backward.layers[index]
            for i in 0..<layer.units {
                for j in 0..<layer.inputs {
                    let n = numeric { $0[index].weights[i, j] += $1 }
                    let a = grads.gradWeights[i, j]
                    entries.append(.init(name: NetworkNotation.weight(layer: index + 1, i, j), layer: index + 1, row: i,
                                         column: j, analytic: a, numeric: n, difference: abs(a - n)))
                }
            }
            for i in 0..<layer.units {
                let n = numeric { $0[index].bias[i] += $1 }
                let a = grads.gradBias[i]
                entries.append(.init(name: NetworkNotation.unit("b", layer: index + 1, i), layer: index + 1, row: i,
                                     column: nil, analytic: a, numeric: n, difference: abs(a - n)))
            }
        }
        return GradientCheck(epsilon: epsilon, entries: entries)
    }
}
