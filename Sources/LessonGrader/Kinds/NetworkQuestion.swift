import LessonCore

/// Reading the dense network of a network question (`backprop`, `mlp-forward`).
enum NetworkQuestion {
    /// The layers of `layers`: a list of `{weights, bias, activation}`.
    static func layers(_ parameters: QuestionParameters) throws -> [Layer] {
        guard case .list(let items)? = parameters.values["layers"], !items.isEmpty else {
            throw InputError("\(parameters.location): the key 'layers' must be a list of {weights, bias, activation}")
        }
        return try items.enumerated().map { i, item in
            guard case .map(let values) = item else {
                throw parameters.error("layers", "layer \(i + 1) must be a mapping with weights, bias and activation")
            }
            let layer = QuestionParameters(values: values, location: "\(parameters.location), layer \(i + 1)")
            let activation: Activation
            do { activation = try Activation.named(try layer.optionalString("activation") ?? "linear") } catch let error as InputError {
                throw layer.error("activation", error.message)
            }
            return Layer(weights: try layer.matrix("weights"), bias: try layer.vector("bias"), activation: activation)
        }
    }

    /// The sheet lines: the shape, each W and b, the input.
    static func sheet(_ layers: [Layer], input: [Double]) -> [String] {
        ["network: " + ([input.count] + layers.map(\.units)).map(String.init).joined(separator: " → ")
            + ", activations " + layers.map(\.activation.rawValue).joined(separator: ", ")]
            + layers.enumerated().map { i, l in "W⁽\(i + 1)⁾ = " + Notation.inlineMatrix(l.weights) + ", b⁽\(i + 1)⁾ = " + Notation.inlineMatrix(Tensor(vector: l.bias)) }
            + ["input x = " + Notation.inlineMatrix(Tensor(vector: input))]
    }
}
