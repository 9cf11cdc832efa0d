import Foundation

/// Every BPTT gradient next to central finite differences (E(θ + ε) − E(θ − ε))/2ε.
///
/// With truncation the differences are taken of `truncatedObjective` (the states before each
/// window held fixed), whose gradient the truncated BPTT is; without it, of E itself. With
/// ε = 1e-6 the difference error, O(ε²) plus rounding over ε, stays near 1e-9 for smooth
/// activations; ReLU disagrees only where some z⁽ᵗ⁾ᵢ sits within ε of its kink.
public struct RecurrentGradientCheck: Equatable, Codable, Sendable {
    /// One parameter.
    public struct Entry: Equatable, Codable, Sendable {
        /// `W₁₂`, `b₁`, `W_f₁₂`.
        public var name: String
        /// From BPTT.
        public var analytic: Double
        /// From central differences.
        public var numeric: Double
        /// |analytic − numeric|.
        public var difference: Double
    }

    /// ε.
    public var epsilon: Double
    /// Every parameter, in the order of the gradients' `entries`.
    public var entries: [Entry]

    /// The largest |analytic − numeric|.
    public var largestDifference: Double { entries.map(\.difference).max() ?? 0 }

    /// Central differences of `objective` over a flat parameter vector, next to `analytic`.
    public static func compare(names: [String], parameters: [Double], analytic: [Double], epsilon: Double = 1e-6,
                               objective: ([Double]) -> Double) -> RecurrentGradientCheck {
        precondition(names.count == parameters.count && analytic.count == parameters.count, "gradient check of mismatched lists")
        let entries = parameters.indices.map { i -> Entry in
            var plus = parameters, minus = parameters
            plus[i] += epsilon
            minus[i] -= epsilon
            let numeric = (objective(plus) - objective(minus)) / (2 * epsilon)
            return Entry(name: names[i], analytic: analytic[i], numeric: numeric, difference: abs(analytic[i] - numeric))
        }
        return RecurrentGradientCheck(epsilon: epsilon, entries: entries)
    }
}

extension RecurrentNetwork {
    /// Checks `backward` (from `forward` of this network on `sequence`) by central differences.
    public func gradientCheck(_ sequence: RecurrentSequence, forward: RNNForwardTrace, backward: BPTTTrace,
                              epsilon: Double = 1e-6) -> RecurrentGradientCheck {
        let names = backward.gradients.entries.map(\.name)
        return RecurrentGradientCheck.compare(names: names, parameters: parameters.flat, analytic: backward.gradients.flat,
                                              epsilon: epsilon) { flat in
            let network = self.replacing(self.parameters.with(flat: flat))
            if let k = backward.truncation {
                return network.truncatedObjective(sequence, window: k, heldStates: forward)
            }
            return (try? network.forward(sequence).loss) ?? .nan
        }
    }
}
