/// The forward pass of a recurrent network over a sequence: every step and the loss.
public struct RNNForwardTrace: Equatable, Codable, Sendable {
    /// s⁽⁰⁾.
    public var initialState: [Double]
    /// Steps t = 1 … T.
    public var steps: [RNNStep]
    /// E = Σₜ Eₜ over the steps with a target.
    public var loss: Double
    /// "many-to-one" or "many-to-many".
    public var kind: String

    /// s⁽¹⁾ … s⁽ᵀ⁾.
    public var states: [[Double]] { steps.map(\.state) }
    /// ŷ⁽¹⁾ … ŷ⁽ᵀ⁾.
    public var outputs: [[Double]] { steps.map(\.output) }
    /// s⁽ᵗ⁾ for t = 0 … T.
    public func state(_ t: Int) -> [Double] { t == 0 ? initialState : steps[t - 1].state }
}
