import Foundation
import LessonCore

/// A network with the input and target of its worked example, as a lesson file describes it.
public struct NetworkExample {
    /// The network and its loss.
    public var network: Network
    /// x.
    public var input: [Double]
    /// y.
    public var target: [Double]
    /// Every example of the batch, x⁽¹⁾ … x⁽ᵐ⁾ and y⁽¹⁾ … y⁽ᵐ⁾; the first is `input`, `target`.
    public var inputs: [[Double]]
    public var targets: [[Double]]

    /// Creates an example, checking that the input and target fit the network.
    public init(network: Network, input: [Double], target: [Double]) throws {
        try self.init(network: network, inputs: [input], targets: [target])
    }

    /// Creates a batch of m examples (`inputs`/`targets` in a network file), checking each.
    public init(network: Network, inputs: [[Double]], targets: [[Double]]) throws {
        guard let input = inputs.first, let target = targets.first else {
            throw NetworkShapeError(key: "inputs", "the batch is empty; give at least one input and one target")
        }
        guard inputs.count == targets.count else {
            throw NetworkShapeError(key: "targets", "there are \(inputs.count) inputs but \(targets.count) targets; give one target per input")
        }
        for (x, y) in zip(inputs, targets) {
            try network.validate(input: x)
            try network.validate(target: y)
        }
        self.network = network
        self.input = input
        self.target = target
        self.inputs = inputs
        self.targets = targets
    }

    /// m, the number of examples.
    public var batchSize: Int { inputs.count }
}

/// Reads the `network:` block of a lesson file (or of a file given with `--network`):
///
/// ```yaml
/// network:
///   input: [0.5, -1.0]
///   target: [1.0]
///   loss: mse            # mse, sse, binary-cross-entropy, cross-entropy
///   l2: 0.0              # optional λ of the (λ/2m)Σw² term
///   # or, for a batch of m examples (one row each), instead of input and target:
///   # inputs: [[0.5, -1.0], [1.0, 0.0]]
///   # targets: [[1.0], [0.0]]
///   layers:
///     - weights: [[0.1, -0.2], [0.4, 0.3]]   # one row per unit, one column per input
///       bias: [0.0, 0.1]                     # optional, zeros when absent
///       activation: tanh
/// ```
///
/// Every error names the file, the line and the key (`layers[2].weights`).
public enum NetworkReader {
    /// The keys of the `network:` mapping.
    public static let keys = ["input", "target", "inputs", "targets", "loss", "l2", "layers"]
    /// The keys of one layer.
    public static let layerKeys = ["weights", "bias", "activation"]

    /// Reads a `network:` mapping.
    public static func read(_ value: YAMLValue) throws -> NetworkExample {
        guard value.isMapping else { throw value.error("the network must be a mapping with input, target, loss and layers") }
        try value.rejectUnknownKeys(allowed: keys)
        for (one, many) in [("input", "inputs"), ("target", "targets")] where value[one] != nil && value[many] != nil {
            throw (value[many] ?? value).error("give either '\(one)' (one example) or '\(many)' (one row per example), not both")
        }
        let inputs = try value["inputs"].map { try rows($0) } ?? [try value.require("input", expected: "the input vector, such as [0.5, -1.0], or 'inputs', one row per example").vector()]
        let targets = try value["targets"].map { try rows($0) } ?? [try value.require("target", expected: "the target vector, such as [1.0], or 'targets', one row per example").vector()]
        let lossValue = try value.require("loss", expected: "the loss: mse, sse, binary-cross-entropy or cross-entropy")
        let loss: Loss
        do { loss = try Loss.named(try lossValue.string()) } catch let error as InputError { throw lossValue.error(error.message) }
        let l2 = try value["l2"]?.double() ?? 0
        let layersValue = try value.require("layers", expected: "a list of layers, each with weights, bias and activation")
        let items = try layersValue.items()
        guard !items.isEmpty else { throw layersValue.error("the network has no layers; give at least one") }
        var layers: [Layer] = []
        for item in items {
            guard item.isMapping else { throw item.error("each layer must be a mapping with weights, bias and activation") }
            try item.rejectUnknownKeys(allowed: layerKeys)
            let weightsValue = try item.require("weights", expected: "the weight matrix, one row per unit and one column per input")
            let weights = try weightsValue.matrix()
            let bias = try item["bias"]?.vector() ?? Array(repeating: 0, count: weights.rows)
            let activationValue = try item.require("activation", expected: "sigmoid, tanh, relu, softplus, linear, softmax or step")
            let activation: Activation
            do { activation = try Activation.named(try activationValue.string()) } catch let error as InputError {
                throw activationValue.error(error.message)
            }
            layers.append(Layer(weights: weights, bias: bias, activation: activation))
        }
        do {
            let network = try Network(layers: layers, loss: loss, l2: l2)
            return try NetworkExample(network: network, inputs: inputs, targets: targets)
        } catch let error as NetworkShapeError {
            throw place(error, in: value, layers: items)
        }
    }

    /// The rows of an `inputs`/`targets` list: one example per row.
    static func rows(_ value: YAMLValue) throws -> [[Double]] {
        let items = try value.items()
        guard !items.isEmpty else { throw value.error("the list is empty; give one row per example") }
        return try items.map { try $0.vector() }
    }

    /// Reads a file whose top level holds `network:` (the file of `lesson run backprop --network`),
    /// or a lesson file whose `example:` holds it.
    public static func load(_ url: URL, displayName: String? = nil) throws -> NetworkExample {
        let document = try YAMLValue.load(url, displayName: displayName)
        guard document.isMapping else { throw document.error("expected a mapping with the key 'network'") }
        if document["network"] == nil, let nested = document["example"]?["network"] { return try read(nested) }
        return try read(try document.require("network", expected: "the network: input, target, loss and layers"))
    }

    /// Points a shape error at the key it is about.
    static func place(_ error: NetworkShapeError, in value: YAMLValue, layers: [YAMLValue]) -> InputError {
        if let index = error.layer, layers.indices.contains(index) {
            let layer = layers[index]
            return (layer[error.key] ?? layer).error(error.message)
        }
        return (value[error.key] ?? value).error(error.message)
    }
}
