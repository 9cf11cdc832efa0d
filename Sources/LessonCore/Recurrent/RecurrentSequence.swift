/// The sequence a recurrent network reads: x⁽¹⁾ … x⁽ᵀ⁾, the initial state and the targets.
public struct RecurrentSequence: Equatable, Codable, Sendable {
    /// x⁽¹⁾ … x⁽ᵀ⁾.
    public var inputs: [[Double]]
    /// s⁽⁰⁾ (and ŷ⁽⁰⁾ for an LSTM); nil means zeros.
    public var initialState: [Double]?
    /// Where the loss is taken.
    public var targets: RecurrentTargets

    /// Creates a sequence.
    public init(inputs: [[Double]], initialState: [Double]? = nil, targets: RecurrentTargets) {
        self.inputs = inputs
        self.initialState = initialState
        self.targets = targets
    }

    /// T.
    public var steps: Int { inputs.count }
}
