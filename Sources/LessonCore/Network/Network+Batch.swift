extension Network {
    /// The same layers and loss without the L2 term.
    var withoutPenalty: Network {
        guard let network = try? Network(layers: layers, loss: loss, l2: 0) else {
            preconditionFailure("a checked network without its L2 term does not validate")
        }
        return network
    }

    /// Backpropagation over m examples, averaged (see `BatchBackwardTrace`). With m = 1 the
    /// gradients are those of `backward` on the one example.
    public func batchBackward(inputs: [[Double]], targets: [[Double]]) throws -> BatchBackwardTrace {
        guard !inputs.isEmpty else { throw NetworkShapeError(key: "inputs", "the batch is empty; give at least one input") }
        guard inputs.count == targets.count else {
            throw NetworkShapeError(key: "targets", "the batch has \(inputs.count) inputs but \(targets.count) targets; give one target per input")
        }
        let plain = withoutPenalty
        var examples: [BackwardTrace] = []
        var losses: [Double] = []
        for (x, y) in zip(inputs, targets) {
            try validate(input: x)
            try validate(target: y)
            let trace = try plain.backward(try plain.forward(x), target: y)
            examples.append(trace)
            losses.append(trace.loss.total)
        }
        let m = Double(inputs.count)
        let penalty = l2 / (2 * m) * sumOfSquaredWeights
        var deltas: [[Double]] = [], gradWeights: [Tensor] = [], gradBias: [[Double]] = []
        for (index, layer) in layers.enumerated() {
            var delta = [Double](repeating: 0, count: layer.units)
            var grad = Tensor(shape: [layer.units, layer.inputs])
            for example in examples {
                let backward = example.layers[index]
                for i in 0..<layer.units {
                    delta[i] += backward.delta[i]
                    for j in 0..<layer.inputs { grad[i, j] += backward.gradWeights[i, j] }
                }
            }
            for i in 0..<layer.units {
                delta[i] /= m
                for j in 0..<layer.inputs { grad[i, j] = grad[i, j] / m + l2 / m * layer.weights[i, j] }
            }
            deltas.append(delta)
            gradWeights.append(grad)
            gradBias.append(delta)
        }
        return BatchBackwardTrace(count: inputs.count, l2: l2, examples: examples, losses: losses, penalty: penalty,
                                  loss: losses.reduce(0, +) / m + penalty, averageDeltas: deltas, gradWeights: gradWeights,
                                  gradBias: gradBias)
    }

    /// θ ← θ − α ∂J/∂θ with the batch-averaged gradients.
    public func batchStep(_ batch: BatchBackwardTrace, learningRate: Double) -> Network {
        let updated = layers.enumerated().map { index, layer in
            var weights = layer.weights
            for i in 0..<layer.units { for j in 0..<layer.inputs { weights[i, j] -= learningRate * batch.gradWeights[index][i, j] } }
            let bias = zip(layer.bias, batch.gradBias[index]).map { $0 - learningRate * $1 }
            return Layer(weights: weights, bias: bias, activation: layer.activation)
        }
        return replacingParameters(updated)
    }

    /// J over a batch: (1/m) Σₖ L⁽ᵏ⁾ + (λ/2m) Σ w², without a trace.
    public func batchLoss(inputs: [[Double]], targets: [[Double]]) -> Double {
        let plain = withoutPenalty
        let m = Double(inputs.count)
        return zip(inputs, targets).map { plain.lossValue(input: $0, target: $1) }.reduce(0, +) / m + l2 / (2 * m) * sumOfSquaredWeights
    }

    /// Groups of units of a layer whose incoming weights and bias are identical: such units
    /// compute the same a, receive the same δ and the same gradient, so an update keeps them
    /// identical (the symmetry a random initialisation breaks). Each group lists 0-based units.
    public func identicalUnits() -> [(layer: Int, units: [Int])] {
        var result: [(layer: Int, units: [Int])] = []
        for (index, layer) in layers.enumerated() where layer.units > 1 {
            var seen: [Int] = []
            for i in 0..<layer.units where !seen.contains(i) {
                let row = (0..<layer.inputs).map { layer.weights[i, $0] } + [layer.bias[i]]
                let same = (i..<layer.units).filter { k in (0..<layer.inputs).map { layer.weights[k, $0] } + [layer.bias[k]] == row }
                seen += same
                if same.count > 1 { result.append((index, same)) }
            }
        }
        return result
    }

    /// The same shapes, activations and loss with weights drawn uniformly from [−scale, scale]
    /// by `SplitMix64(seed)` (row by row, layer by layer) and biases 0.
    public func randomlyInitialized(seed: UInt64, scale: Double) -> Network {
        var generator = SplitMix64(seed: seed)
        let updated = layers.map { layer in
            var weights = layer.weights
            for i in 0..<layer.units {
                for j in 0..<layer.inputs {
                    // 53 random bits → [0, 1), then to [−scale, scale].
                    let unit = Double(generator.next() >> 11) / Double(1 << 53)
                    weights[i, j] = (2 * unit - 1) * scale
                }
            }
            return Layer(weights: weights, bias: Array(repeating: 0, count: layer.units), activation: layer.activation)
        }
        return replacingParameters(updated)
    }
}
