/// Runs GD, SGD or mini-batch gradient descent on a `RegressionData` set with the seed's
/// J(θ) = (1/N) Σᵢ (ŷⁱ − yⁱ)² (seeds/004).
///
/// Every update is θ ← θ − α · (1/|B|) Σ_{i∈B} ∂Jⁱ/∂θ with ∂Jⁱ/∂θ = 2(ŷⁱ − yⁱ)xⁱ, where B is
/// all N examples (GD), one (SGD) or a batch of N_b (mini-batch). Each epoch visits every
/// example once, in the order given or, with a shuffle seed, in an order drawn by
/// `SplitMix64` (Fisher–Yates, a new order per epoch; the same seed gives the same orders).
public struct GradientDescent: Sendable {
    /// The data set.
    public var data: RegressionData
    /// The model.
    public var model: RegressionModel
    /// α, above 0.
    public var learningRate: Double
    /// The parameters before the first update (θ, and b with an intercept).
    public var initial: [Double]
    /// How many passes over the data.
    public var epochs: Int
    /// N_b for mini-batch descent.
    public var miniBatchSize: Int
    /// The shuffle seed, or nil to visit the examples in the order given.
    public var shuffleSeed: UInt64?

    /// Checks the settings; throws an `InputError` naming the one that is wrong.
    public init(data: RegressionData, model: RegressionModel, learningRate: Double, initial: [Double], epochs: Int,
                miniBatchSize: Int, shuffleSeed: UInt64?) throws {
        try OptimizerSettings.checkLearningRate(learningRate)
        guard initial.count == model.parameterNames.count, initial.allSatisfy(\.isFinite) else {
            throw InputError("the start needs \(model.parameterNames.count) \(Counted.noun(model.parameterNames.count, "finite number")), \(model.parameterNames.joined(separator: " and ")), for the model \(model.formula)")
        }
        guard epochs >= 1, epochs <= 10_000 else { throw InputError("the number of epochs must be from 1 to 10000, got \(epochs)") }
        guard miniBatchSize >= 1 else { throw InputError("the mini-batch size must be at least 1, got \(miniBatchSize)") }
        self.data = data
        self.model = model
        self.learningRate = learningRate
        self.initial = initial
        self.epochs = epochs
        self.miniBatchSize = miniBatchSize
        self.shuffleSeed = shuffleSeed
    }

    /// The order of the examples in each epoch.
    public func orders() -> [[Int]] {
        guard let seed = shuffleSeed else { return Array(repeating: Array(0..<data.count), count: epochs) }
        var generator = SplitMix64(seed: seed)
        return (0..<epochs).map { _ in Self.shuffled(Array(0..<data.count), using: &generator) }
    }

    /// Fisher–Yates with `SplitMix64`, written out so the order never depends on the
    /// standard library's shuffle (which may change between Swift versions).
    public static func shuffled(_ items: [Int], using generator: inout SplitMix64) -> [Int] {
        var result = items
        var i = result.count - 1
        while i > 0 {
            let j = Int(generator.next() % UInt64(i + 1))
            result.swapAt(i, j)
            i -= 1
        }
        return result
    }

    /// Runs `method`; throws when J stops being a finite number, naming the update.
    public func run(_ method: DescentMethod) throws -> DescentTrace {
        let size = method.batchSize(count: data.count, miniBatchSize: miniBatchSize)
        let orders = orders()
        var theta = initial
        var updates: [DescentUpdate] = []
        var step = 0
        for (e, order) in orders.enumerated() {
            var start = 0
            while start < order.count {
                let batch = Array(order[start..<min(start + size, order.count)])
                start += size
                step += 1
                let terms = batch.map { data.term($0, model: model, parameters: theta) }
                var gradient = Array(repeating: 0.0, count: theta.count)
                for term in terms { for k in gradient.indices { gradient[k] += term.gradient[k] } }
                gradient = gradient.map { $0 / Double(terms.count) }
                let after = zip(theta, gradient).map { $0 - learningRate * $1 }
                let loss = data.loss(model: model, parameters: after)
                guard loss.isFinite, after.allSatisfy(\.isFinite) else {
                    throw InputError("\(method.rawValue) diverged: J is no longer a finite number after update \(step) (epoch \(e + 1)) with α = \(Notation.number(learningRate, decimals: 6)); use a smaller learning rate")
                }
                updates.append(DescentUpdate(epoch: e + 1, step: step, terms: terms, before: theta, gradient: gradient,
                                             after: after, loss: loss))
                theta = after
            }
        }
        return DescentTrace(method: method, model: model, learningRate: learningRate, batchSize: size, initial: initial,
                            initialLoss: data.loss(model: model, parameters: initial), orders: orders, updates: updates)
    }
}
