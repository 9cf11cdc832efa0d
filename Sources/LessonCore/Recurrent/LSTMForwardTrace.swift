/// An LSTM's forward pass over a sequence.
public struct LSTMForwardTrace: Equatable, Codable, Sendable {
    /// s⁽⁰⁾ (ŷ⁽⁰⁾ is 0).
    public var initialState: [Double]
    /// Steps t = 1 … T.
    public var steps: [LSTMStep]
    /// E = Σₜ Eₜ.
    public var loss: Double
    /// "many-to-one" or "many-to-many".
    public var kind: String

    /// s⁽¹⁾ … s⁽ᵀ⁾.
    public var states: [[Double]] { steps.map(\.state) }
    /// ŷ⁽¹⁾ … ŷ⁽ᵀ⁾.
    public var outputs: [[Double]] { steps.map(\.output) }
}
