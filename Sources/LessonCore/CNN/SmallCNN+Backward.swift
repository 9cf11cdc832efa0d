extension SmallCNN {
    /// Backpropagation through the whole network, last layer first, as PyTorch's autograd does it:
    ///
    ///     dense:    δ = ŷ − y,  ∂L/∂W = δ fᵀ,  ∂L/∂c = δ                (`Network.backward`)
    ///     flatten:  ∂L/∂fⱼ = Σᵢ Wᵢⱼ δᵢ, reshaped into ∂L/∂pₖ
    ///     max pool: ∂L/∂aₖ[r, c] = Σ of ∂L/∂pₖ[i, j] over the windows whose winner is aₖ[r, c]  (`Pool2D.backward`)
    ///     ReLU:     δₖ = ∂L/∂zₖ = ∂L/∂aₖ ∘ 𝟙[zₖ > 0]
    ///     conv:     ∂L/∂bₖ = Σ δₖ,  ∂L/∂wₖ[u, v] = Σᵢⱼ δₖ[i, j] x_p[i·s + u, j·s + v]  (`Conv2D.backward`)
    ///
    /// and ∂L/∂x = Σₖ of each convolution's input gradient.
    public func backward(_ forward: CNNForwardTrace, target: [Double]) throws -> CNNBackwardTrace {
        precondition(forward.convolutions.count == filterCount, "backward of a trace from another network")
        let network = try denseNetwork()
        let dense = try network.backward(forward.dense, target: target)
        let delta = dense.layers[0].delta
        var flat: [FlattenedGradient] = []
        for j in 0..<forward.flattened.count {
            let terms = (0..<classCount).map { StatedSum.Pair(input: denseWeights[$0, j], weight: delta[$0]) }
            var sum = 0.0
            for term in terms { sum += term.input * term.weight }
            let origin = forward.origin(ofFlattened: j)
            let symbols = (0..<classCount).map {
                NetworkNotation.weight(layer: 1, $0, j) + NetworkNotation.unit("δ", layer: 1, $0)
            }.joined(separator: " + ")
            let written = Notation.sumOfProducts(terms.map { ($0.input, $0.weight) }, bias: nil, result: sum)
            flat.append(FlattenedGradient(index: j, map: origin.map, row: origin.row, column: origin.column, terms: terms,
                                          value: sum, text: "∂L/∂f\(NetworkNotation.lowered(j + 1)) = \(symbols) = \(written)"))
        }
        let pooledShape = forward.shapes.pooled
        let perMap = pooledShape[0] * pooledShape[1]
        var pooledGradients: [Tensor] = []
        var pools: [PoolingBackwardTrace] = []
        var masks: [Tensor] = []
        var deltas: [Tensor] = []
        var convolutions: [ConvolutionBackwardTrace] = []
        for k in 0..<filterCount {
            let upstream = Tensor(shape: pooledShape, scalars: flat[(k * perMap)..<((k + 1) * perMap)].map(\.value))
            let routed = try pooling.backward(forward.pools[k], upstream: upstream)
            let z = forward.convolutions[k].output
            let mask = z.map { $0 > 0 ? 1 : 0 }
            var deltaK = routed.gradient
            for r in 0..<deltaK.shape[0] { for c in 0..<deltaK.shape[1] { deltaK[r, c] *= mask[r, c] } }
            let conv = try convolution(k).backward(forward.convolutions[k], upstream: deltaK)
            pooledGradients.append(upstream)
            pools.append(routed)
            masks.append(mask)
            deltas.append(deltaK)
            convolutions.append(conv)
        }
        return CNNBackwardTrace(dense: dense, flattenedGradient: flat, pooledGradients: pooledGradients, pools: pools,
                                reluMasks: masks, convolutionDeltas: deltas, convolutions: convolutions)
    }
}
