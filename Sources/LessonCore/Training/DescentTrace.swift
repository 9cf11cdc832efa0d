/// A whole gradient-descent run: the settings, the order of every epoch and every update.
public struct DescentTrace: Equatable, Codable, Sendable {
    /// GD, SGD or mini-batch.
    public var method: DescentMethod
    /// ŷ = θx or ŷ = θx + b.
    public var model: RegressionModel
    /// α.
    public var learningRate: Double
    /// Examples per update.
    public var batchSize: Int
    /// The parameters and J before the first update.
    public var initial: [Double]
    public var initialLoss: Double
    /// The order the examples were visited in, per epoch (0-based indices).
    public var orders: [[Int]]
    /// Every update in order.
    public var updates: [DescentUpdate]

    /// The parameters after every update, starting with the initial ones.
    public var path: [[Double]] { [initial] + updates.map(\.after) }
    /// J before the first update and after every update.
    public var losses: [Double] { [initialLoss] + updates.map(\.loss) }
}
