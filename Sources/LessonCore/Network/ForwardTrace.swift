/// What a forward pass computed: for every layer and unit the terms of z, z and a = f(z).
public struct ForwardTrace: Equatable, Codable, Sendable {
    /// The input x = a⁽⁰⁾.
    public var input: [Double]
    /// The layers in forward order.
    public var layers: [LayerForward]

    /// Creates a trace.
    public init(input: [Double], layers: [LayerForward]) {
        self.input = input
        self.layers = layers
    }

    /// a⁽ᴸ⁾, the network's output.
    public var output: [Double] { layers.last?.a ?? input }

    /// a⁽ˡ⁾ for l = 0…L (0 is the input).
    public func activations(_ layer: Int) -> [Double] { layer == 0 ? input : layers[layer - 1].a }
}

/// One layer of a forward pass.
public struct LayerForward: Equatable, Codable, Sendable {
    /// l, 1-based (the input is layer 0).
    public var layer: Int
    /// f of this layer.
    public var activation: Activation
    /// W⁽ˡ⁾ as used, units × inputs.
    public var weights: Tensor
    /// b⁽ˡ⁾ as used.
    public var bias: [Double]
    /// a⁽ˡ⁻¹⁾, the inputs of the layer.
    public var inputs: [Double]
    /// z⁽ˡ⁾.
    public var z: [Double]
    /// a⁽ˡ⁾ = f(z⁽ˡ⁾).
    public var a: [Double]
    /// Σⱼ exp(zⱼ − m) when the activation is softmax (m is `softmaxShift`, 0 when there is none).
    public var softmaxDenominator: Double?
    /// m = maxⱼ zⱼ, subtracted before exp when exp(zⱼ) alone would overflow or the sum underflow.
    public var softmaxShift: Double?
    /// Each unit written out.
    public var units: [UnitForward]
}

/// One unit of a forward pass: z = Σ w·a + b term by term, then a = f(z).
public struct UnitForward: Equatable, Codable, Sendable {
    /// The products wᵢⱼ·aⱼ in input order.
    public var terms: [Term]
    /// bᵢ.
    public var bias: Double
    /// zᵢ.
    public var z: Double
    /// aᵢ.
    public var a: Double
    /// `z⁽¹⁾₁ = w⁽¹⁾₁₁x₁ + w⁽¹⁾₁₂x₂ + b⁽¹⁾₁ = 0.1×0.5 + (−0.2)×(−1) + 0 = 0.25`.
    public var sumText: String
    /// `a⁽¹⁾₁ = tanh(z⁽¹⁾₁) = tanh(0.25) = 0.2449`.
    public var activationText: String

    /// One product of a sum: the weight and the input it multiplies.
    public struct Term: Equatable, Codable, Sendable {
        /// wᵢⱼ.
        public var weight: Double
        /// aⱼ.
        public var input: Double
        /// wᵢⱼ·aⱼ.
        public var product: Double
        /// Creates a term; the product is computed here.
        public init(weight: Double, input: Double) {
            self.weight = weight
            self.input = input
            self.product = weight * input
        }
    }
}
