/// What backpropagation computed: the loss, and for every layer δ and the gradients.
public struct BackwardTrace: Equatable, Codable, Sendable {
    /// The loss the gradients are of.
    public var loss: LossTrace
    /// The layers in forward order (computed last to first).
    public var layers: [LayerBackward]

    /// Creates a trace.
    public init(loss: LossTrace, layers: [LayerBackward]) {
        self.loss = loss
        self.layers = layers
    }
}

/// How δ of a layer was obtained.
public enum DeltaRule: String, Codable, Sendable {
    /// Output layer: δ = ∂L/∂a ∘ f′(z).
    case outputChain = "output-chain"
    /// Output layer where softmax meets cross-entropy or sigmoid meets binary cross-entropy: δ = a − y.
    case outputSimplified = "output-simplified"
    /// Output softmax under another loss: δᵢ = aᵢ(∂L/∂aᵢ − Σⱼ aⱼ ∂L/∂aⱼ), the Jacobian applied.
    case outputSoftmaxJacobian = "output-softmax-jacobian"
    /// Hidden layer: δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ∘ f′(z⁽ˡ⁾).
    case hidden
}

/// One layer of a backward pass.
public struct LayerBackward: Equatable, Codable, Sendable {
    /// l, 1-based.
    public var layer: Int
    /// Which rule gave δ.
    public var rule: DeltaRule
    /// The rule as a formula, and for a simplification, why it holds.
    public var ruleLines: [String]
    /// ∂L/∂a⁽ˡ⁾: from the loss at the output, (W⁽ˡ⁺¹⁾)ᵀδ⁽ˡ⁺¹⁾ in a hidden layer. Nil only at an output
    /// where the loss meets its activation (δ = a − y, never through ∂L/∂a) and ∂L/∂a overflows
    /// because an output is so near 0 that −y/a is beyond any number; PyTorch, too, takes
    /// the loss from the logits and never forms it.
    public var lossGradient: [Double]?
    /// f′(z⁽ˡ⁾), or nil for softmax (whose derivative is a Jacobian).
    public var derivative: [Double]?
    /// δ⁽ˡ⁾ = ∂L/∂z⁽ˡ⁾.
    public var delta: [Double]
    /// ∂L/∂W⁽ˡ⁾, units × inputs like W⁽ˡ⁾: δᵢaⱼ plus (λ/m)wᵢⱼ.
    public var gradWeights: Tensor
    /// ∂L/∂b⁽ˡ⁾ = δ⁽ˡ⁾.
    public var gradBias: [Double]
    /// Each unit written out.
    public var units: [UnitBackward]
}

/// One unit of a backward pass: its δ and the gradients of the weights into it.
public struct UnitBackward: Equatable, Codable, Sendable {
    /// δᵢ.
    public var delta: Double
    /// `δ⁽²⁾₁ = ∂L/∂a⁽²⁾₁ × f′(z⁽²⁾₁) = (−0.7)×1 = −0.7`, or the sum over the units it feeds.
    public var deltaText: String
    /// One line per incoming weight: `∂L/∂w⁽²⁾₁₂ = δ⁽²⁾₁ a⁽¹⁾₂ = … = …`.
    public var weightTexts: [String]
    /// `∂L/∂b⁽²⁾₁ = δ⁽²⁾₁ = −0.7`.
    public var biasText: String
}
