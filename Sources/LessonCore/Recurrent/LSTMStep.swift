/// What one step t of an LSTM computed: the gates' pre-activations and values, the state and output.
public struct LSTMStep: Equatable, Codable, Sendable {
    /// t, 1-based.
    public var t: Int
    /// [ŷ⁽ᵗ⁻¹⁾, x⁽ᵗ⁾].
    public var concatenated: [Double]
    /// s⁽ᵗ⁻¹⁾.
    public var previousState: [Double]
    /// Pre-activations W_f·[…] + b_f and so on.
    public var forgetInput: [Double]
    public var inputInput: [Double]
    public var candidateInput: [Double]
    public var outputInput: [Double]
    /// f, i, s̃, o.
    public var forget: [Double]
    public var input: [Double]
    public var candidate: [Double]
    public var outputGate: [Double]
    /// f ∗ s⁽ᵗ⁻¹⁾, what the forget gate keeps of the old state.
    public var kept: [Double]
    /// i ∗ s̃, what the input gate writes.
    public var written: [Double]
    /// s⁽ᵗ⁾ = f ∗ s⁽ᵗ⁻¹⁾ + i ∗ s̃.
    public var state: [Double]
    /// tanh(s⁽ᵗ⁾).
    public var squashedState: [Double]
    /// ŷ⁽ᵗ⁾ = o ∗ tanh(s⁽ᵗ⁾).
    public var output: [Double]
    /// y⁽ᵗ⁾ and Eₜ = ½Σ(ŷ − y)² where the step has a target.
    public var target: [Double]?
    public var loss: Double?
}
