import Foundation

/// A fully connected feed-forward network with a loss: layers 1…L, input a⁽⁰⁾ = x.
///
/// Forward: z⁽ˡ⁾ᵢ = Σⱼ w⁽ˡ⁾ᵢⱼ a⁽ˡ⁻¹⁾ⱼ + b⁽ˡ⁾ᵢ and a⁽ˡ⁾ = f⁽ˡ⁾(z⁽ˡ⁾) (row i of W⁽ˡ⁾ feeds unit i).
/// Loss: L = loss(a⁽ᴸ⁾, y) + (λ/2m)Σ w² over every weight (not the biases), m = 1 example.
/// `forward` returns a `ForwardTrace`, `backward` a `BackwardTrace`; both are plain values
/// that the text, JSON, figures and grader read.
public struct Network: Equatable, Codable, Sendable {
    /// The layers in forward order.
    public let layers: [Layer]
    /// The loss comparing a⁽ᴸ⁾ with the target.
    public let loss: Loss
    /// λ of the (λ/2m)Σw² term; 0 for none.
    public let l2: Double
    /// m in λ/2m: the number of examples the loss averages over (1 here: one example).
    public static let exampleCount = 1.0

    /// Creates a network, checking that the shapes chain, that softmax is only in the last
    /// layer, and that the loss can be taken of the last activation.
    public init(layers: [Layer], loss: Loss, l2: Double = 0) throws {
        guard !layers.isEmpty else { throw NetworkShapeError(key: "layers", "the network has no layers; give at least one") }
        for (index, layer) in layers.enumerated() {
            let name = "layer \(index + 1)"
            guard layer.weights.rank == 2, layer.units > 0, layer.inputs > 0 else {
                throw NetworkShapeError(layer: index, key: "weights", "the weights of \(name) are empty; give one row per unit and one column per input")
            }
            guard layer.bias.count == layer.units else {
                throw NetworkShapeError(layer: index, key: "bias", "\(name) has \(layer.units) \(Counted.noun(layer.units, "unit")) (rows of its weights) but \(layer.bias.count) \(Counted.noun(layer.bias.count, "bias", plural: "biases")); give one bias per unit")
            }
            if index > 0 {
                let previous = layers[index - 1]
                guard layer.inputs == previous.units else {
                    throw NetworkShapeError(layer: index, key: "weights", "the weights of \(name) have \(layer.inputs) \(Counted.noun(layer.inputs, "column")) but layer \(index) has \(previous.units) \(Counted.noun(previous.units, "unit")); the shapes do not chain: \(name) needs one column per unit of layer \(index)")
                }
            }
            if layer.activation == .softmax, index != layers.count - 1 {
                throw NetworkShapeError(layer: index, key: "activation", "softmax is only allowed in the last layer, but \(name) of \(layers.count) uses it; use sigmoid, tanh, relu, softplus, linear or step in hidden layers")
            }
            for value in layer.weights.scalars + layer.bias where !value.isFinite {
                throw NetworkShapeError(layer: index, key: "weights", "\(name) has a weight or bias that is not a finite number")
            }
        }
        let last = layers[layers.count - 1].activation
        switch loss {
        case .binaryCrossEntropy where last != .sigmoid:
            throw NetworkShapeError(key: "loss", "the loss binary-cross-entropy takes log a and log(1 − a) of every output, which needs outputs strictly between 0 and 1, but the last layer's activation is \(last.rawValue); use sigmoid in the last layer, or the loss mse")
        case .crossEntropy where last != .softmax && last != .sigmoid:
            throw NetworkShapeError(key: "loss", "the loss cross-entropy takes the log of the outputs, which must lie between 0 and 1, but the last layer's activation is \(last.rawValue); use softmax (or sigmoid) in the last layer, or the loss mse")
        default: break
        }
        guard l2 >= 0, l2.isFinite else { throw NetworkShapeError(key: "l2", "l2 (λ) must be 0 or more, got \(Notation.number(l2))") }
        self.layers = layers
        self.loss = loss
        self.l2 = l2
    }

    /// The number of inputs (columns of W⁽¹⁾).
    public var inputSize: Int { layers[0].inputs }
    /// The number of outputs (units of the last layer).
    public var outputSize: Int { layers[layers.count - 1].units }
    /// Every weight and bias.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }
    /// The sizes of every layer, input first: `2 → 4 → 4 → 1`.
    public var architecture: String { ([inputSize] + layers.map(\.units)).map(String.init).joined(separator: " → ") }

    /// Throws unless `input` has one value per column of W⁽¹⁾.
    public func validate(input: [Double]) throws {
        guard input.count == inputSize else {
            throw NetworkShapeError(key: "input", "the input has \(input.count) \(Counted.noun(input.count, "value")) but the first layer's weights have \(inputSize) \(Counted.noun(inputSize, "column")); give one input per column")
        }
        guard input.allSatisfy(\.isFinite) else { throw NetworkShapeError(key: "input", "the input has a value that is not a finite number") }
    }

    /// Throws unless `target` has one value per output unit and suits the loss.
    public func validate(target: [Double]) throws {
        guard target.count == outputSize else {
            throw NetworkShapeError(key: "target", "the target has \(target.count) \(Counted.noun(target.count, "value")) but the last layer has \(outputSize) \(Counted.noun(outputSize, "unit")); give one target per output unit")
        }
        guard target.allSatisfy(\.isFinite) else { throw NetworkShapeError(key: "target", "the target has a value that is not a finite number") }
        switch loss {
        case .binaryCrossEntropy:
            guard target.allSatisfy({ (0...1).contains($0) }) else {
                throw NetworkShapeError(key: "target", "binary-cross-entropy needs targets between 0 and 1, got \(Notation.inlineMatrix(Tensor(vector: target)))")
            }
        case .crossEntropy:
            // With softmax, δ = a − y needs Σy = 1, as PyTorch's probability targets assume.
            guard target.allSatisfy({ $0 >= 0 }), abs(target.reduce(0, +) - 1) < 1e-9 else {
                throw NetworkShapeError(key: "target", "cross-entropy needs a target of probabilities that add up to 1 (such as one-hot 0 1 0), got \(Notation.inlineMatrix(Tensor(vector: target)))")
            }
        default: break
        }
    }

    /// The same network with other weights and biases (same shapes), such as after an update.
    public func replacingParameters(_ newLayers: [Layer]) -> Network {
        precondition(newLayers.count == layers.count && zip(newLayers, layers).allSatisfy {
            $0.weights.shape == $1.weights.shape && $0.bias.count == $1.bias.count && $0.activation == $1.activation
        }, "replacingParameters with layers of other shapes")
        // The shapes are those of a checked network, so this cannot fail.
        guard let network = try? Network(layers: newLayers, loss: loss, l2: l2) else {
            preconditionFailure("replacingParameters produced a network that does not validate")
        }
        return network
    }

    /// Σ w² over every weight of every layer (biases excluded).
    public var sumOfSquaredWeights: Double {
        layers.reduce(0) { $0 + $1.weights.scalars.reduce(0) { $0 + $1 * $1 } }
    }

    /// The total loss L for `input` and `target`, regularization included; no trace.
    public func lossValue(input: [Double], target: [Double]) -> Double {
        var a = input, z = input
        for layer in layers {
            z = (0..<layer.units).map { layer.preActivation(unit: $0, inputs: a) }
            a = layer.activation.apply(z)
        }
        let data = loss.value(output: a, target: target, preActivation: z, activation: layers.last?.activation ?? .linear)
        return data + l2 / (2 * Self.exampleCount) * sumOfSquaredWeights
    }
}
