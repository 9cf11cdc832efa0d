/// Everything the forward pass of a `SmallCNN` computed, layer by layer, as plain values.
public struct CNNForwardTrace: Equatable, Sendable, Codable {
    /// The shapes of every layer.
    public var shapes: CNNShapes
    /// The image x.
    public var image: Tensor
    /// One convolution per filter: zₖ = x ⋆ wₖ + bₖ with every sum's terms.
    public var convolutions: [ConvolutionTrace]
    /// aₖ = ReLU(zₖ), one per filter.
    public var activations: [Tensor]
    /// One max pooling per feature map: pₖ = maxpool(aₖ) with each window's winner.
    public var pools: [PoolingTrace]
    /// f: the pooled maps flattened channel by channel, each row by row.
    public var flattened: [Double]
    /// The dense layer with softmax (layer 1 of the network engine; its input x is f).
    public var dense: ForwardTrace
    /// The cross-entropy loss of the softmax output against the target.
    public var loss: LossTrace

    /// Creates a trace from its parts (as `SmallCNN.forward` does).
    public init(shapes: CNNShapes, image: Tensor, convolutions: [ConvolutionTrace], activations: [Tensor],
                pools: [PoolingTrace], flattened: [Double], dense: ForwardTrace, loss: LossTrace) {
        self.shapes = shapes
        self.image = image
        self.convolutions = convolutions
        self.activations = activations
        self.pools = pools
        self.flattened = flattened
        self.dense = dense
        self.loss = loss
    }

    /// ReLU′(zₖ) for every feature map: 1 where z > 0 (the cell passes), 0 where z ≤ 0 (set to 0).
    public var reluMasks: [Tensor] { convolutions.map { $0.output.map { $0 > 0 ? 1 : 0 } } }
    /// How many cells of each feature map ReLU sets to 0 (z ≤ 0).
    public var zeroedCounts: [Int] { convolutions.map { $0.output.scalars.filter { $0 <= 0 }.count } }

    /// The logits s = W f + c.
    public var logits: [Double] { dense.layers[0].z }
    /// The softmax probabilities ŷ.
    public var probabilities: [Double] { dense.output }

    /// Where flattened value j (0-based) came from: map k, row r, column c of the pooled maps.
    public func origin(ofFlattened j: Int) -> (map: Int, row: Int, column: Int) {
        let rows = shapes.pooled[0], columns = shapes.pooled[1]
        let perMap = rows * columns
        return (j / perMap, (j % perMap) / columns, j % columns)
    }

    /// The index in f of pooled cell (row, column) of map k, all 0-based.
    public func flattenedIndex(map k: Int, row: Int, column: Int) -> Int {
        k * shapes.pooled[0] * shapes.pooled[1] + row * shapes.pooled[1] + column
    }
}
