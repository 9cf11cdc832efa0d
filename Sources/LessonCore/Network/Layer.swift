/// One fully connected layer l: z⁽ˡ⁾ = W⁽ˡ⁾a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = f(z⁽ˡ⁾).
///
/// The notes' orientation: row i of `weights` holds the weights into unit i, column j the
/// weights from input j, so `weights` is units × inputs (PyTorch's `nn.Linear.weight`).
public struct Layer: Equatable, Codable, Sendable {
    /// W⁽ˡ⁾, one row per unit, one column per input.
    public var weights: Tensor
    /// b⁽ˡ⁾, one per unit.
    public var bias: [Double]
    /// f, applied to z to give a.
    public var activation: Activation

    /// Creates a layer; the shapes are checked when the layer joins a `Network`.
    public init(weights: Tensor, bias: [Double], activation: Activation) {
        self.weights = weights
        self.bias = bias
        self.activation = activation
    }

    /// The number of units (rows of W).
    public var units: Int { weights.rank == 2 ? weights.rows : 0 }
    /// The number of inputs (columns of W).
    public var inputs: Int { weights.rank == 2 ? weights.columns : 0 }
    /// Weights plus biases.
    public var parameterCount: Int { weights.count + bias.count }
}

extension Layer {
    /// zᵢ = Σⱼ wᵢⱼ aⱼ + bᵢ, summed left to right and the bias added last (the order the text writes).
    /// For a step unit a z within round-off of 0 is 0 (`RoundOff`), so that its decision is the one
    /// the numbers as written give: 0.3 − 1.1 + 0.9 − 0.1 came out as −2.8·10⁻¹⁷, and step 0.
    public func preActivation(unit i: Int, inputs a: [Double]) -> Double {
        precondition(a.count == inputs, "layer with \(inputs) inputs given \(a.count) values")
        var sum = 0.0
        var size = abs(bias[i])
        for j in 0..<inputs {
            sum += weights[i, j] * a[j]
            size += abs(weights[i, j] * a[j])
        }
        return activation == .step ? RoundOff.zeroed(sum + bias[i], size: size) : sum + bias[i]
    }
}
