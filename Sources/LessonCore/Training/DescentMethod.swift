/// The three variants of gradient descent of seeds/004: how many examples each update averages.
public enum DescentMethod: String, Codable, Sendable, CaseIterable {
    /// Gradient descent: every update averages all N examples, one update per epoch.
    case gd
    /// Stochastic gradient descent: one example per update, N updates per epoch.
    case sgd
    /// Mini-batch gradient descent: batches of N_b examples, ⌈N/N_b⌉ updates per epoch.
    case miniBatch = "mini-batch"

    /// The name the slides use.
    public var title: String {
        switch self {
        case .gd: return "Gradient descent (GD)"
        case .sgd: return "Stochastic gradient descent (SGD)"
        case .miniBatch: return "Mini-batch gradient descent"
        }
    }

    /// The number of examples per update for a data set of `count` examples.
    public func batchSize(count: Int, miniBatchSize: Int) -> Int {
        switch self {
        case .gd: return count
        case .sgd: return 1
        case .miniBatch: return min(miniBatchSize, count)
        }
    }

    /// Updates in one epoch: 1, N, or ⌈N/N_b⌉ (the last batch may be smaller).
    public func updatesPerEpoch(count: Int, miniBatchSize: Int) -> Int {
        let size = batchSize(count: count, miniBatchSize: miniBatchSize)
        return (count + size - 1) / size
    }
}
