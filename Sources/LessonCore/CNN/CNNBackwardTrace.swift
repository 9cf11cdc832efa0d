/// Everything the backward pass of a `SmallCNN` computed, from the loss back to the filters,
/// as plain values. Layers are listed in forward order; they were computed last to first.
public struct CNNBackwardTrace: Equatable, Sendable, Codable {
    /// The dense layer: δ = ŷ − y (softmax meets cross-entropy), ∂L/∂W = δ fᵀ, ∂L/∂c = δ.
    public var dense: BackwardTrace
    /// ∂L/∂f = Wᵀδ, one value per flattened value, each sum written out.
    public var flattenedGradient: [FlattenedGradient]
    /// ∂L/∂pₖ: ∂L/∂f put back into the pooled maps' shape (the flattening undone).
    public var pooledGradients: [Tensor]
    /// Max-pool routing: ∂L/∂aₖ, each upstream value sent to the window's winner.
    public var pools: [PoolingBackwardTrace]
    /// ReLU′(zₖ): 1 where zₖ > 0, else 0 (PyTorch's ReLU′(0) = 0).
    public var reluMasks: [Tensor]
    /// δₖ = ∂L/∂zₖ = ∂L/∂aₖ ∘ ReLU′(zₖ), the upstream gradient of each convolution.
    public var convolutionDeltas: [Tensor]
    /// Each filter's convolution backward (`Conv2D.backward` with upstream δₖ): ∂L/∂wₖ, ∂L/∂bₖ, ∂L/∂x.
    public var convolutions: [ConvolutionBackwardTrace]

    /// Creates a trace from its parts (as `SmallCNN.backward` does).
    public init(dense: BackwardTrace, flattenedGradient: [FlattenedGradient], pooledGradients: [Tensor],
                pools: [PoolingBackwardTrace], reluMasks: [Tensor], convolutionDeltas: [Tensor],
                convolutions: [ConvolutionBackwardTrace]) {
        self.dense = dense
        self.flattenedGradient = flattenedGradient
        self.pooledGradients = pooledGradients
        self.pools = pools
        self.reluMasks = reluMasks
        self.convolutionDeltas = convolutionDeltas
        self.convolutions = convolutions
    }

    /// δ of the dense layer, ŷ − y.
    public var denseDelta: [Double] { dense.layers[0].delta }
    /// ∂L/∂W of the dense layer, classes × |f|.
    public var gradDenseWeights: Tensor { dense.layers[0].gradWeights }
    /// ∂L/∂c of the dense layer.
    public var gradDenseBias: [Double] { dense.layers[0].gradBias }
    /// ∂L/∂wₖ for every filter.
    public var gradFilters: [Tensor] { convolutions.map(\.gradKernel) }
    /// ∂L/∂bₖ for every filter.
    public var gradBiases: [Double] { convolutions.map(\.gradBias) }
    /// How many non-zero gradients ∂L/∂aₖ each ReLU mask blocks (where z ≤ 0), per feature map.
    public var blockedCounts: [Int] {
        zip(pools, reluMasks).map { pool, mask in zip(pool.gradient.scalars, mask.scalars).filter { $0.0 != 0 && $0.1 == 0 }.count }
    }
    /// ∂L/∂x: the sum over the filters of each convolution's input gradient.
    public var gradImage: Tensor {
        guard var total = convolutions.first?.gradInput else { return Tensor(shape: [0, 0]) }
        for conv in convolutions.dropFirst() {
            for r in 0..<total.shape[0] { for c in 0..<total.shape[1] { total[r, c] += conv.gradInput[r, c] } }
        }
        return total
    }
}

/// ∂L/∂fⱼ = Σᵢ Wᵢⱼ δᵢ: one flattened value's gradient, summed over the classes it feeds.
public struct FlattenedGradient: Equatable, Sendable, Codable {
    /// j, 0-based.
    public var index: Int
    /// Which pooled cell fⱼ is: map, row, column, 0-based.
    public var map: Int
    public var row: Int
    public var column: Int
    /// The pairs (Wᵢⱼ, δᵢ) in class order.
    public var terms: [StatedSum.Pair]
    /// The sum.
    public var value: Double
    /// `∂L/∂f₃ = w⁽¹⁾₁₃δ⁽¹⁾₁ + … = 0.2×0.1906 + … = 0.0682`.
    public var text: String
}
