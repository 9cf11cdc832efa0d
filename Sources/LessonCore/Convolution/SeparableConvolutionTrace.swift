/// One output cell of the pointwise step: a sum over the channels.
public struct PointwiseStep: Equatable, Sendable, Codable {
    /// The filter and the cell, 0-based.
    public var filter: Int
    public var row: Int
    public var column: Int
    /// (depthwise output h[c, i, j], pointwise weight P[f, c]) for each channel c.
    public var terms: [StatedSum.Pair]
    public var bias: Double
    public var value: Double

    /// `z[1,1,1]` (filter, row, column; 1-based).
    public var label: String { "z" + Notation.index(filter, row, column) }

    /// The sum written out.
    public var sumText: String {
        Notation.sumOfProducts(terms.map { ($0.input, $0.weight) }, bias: bias, result: value)
    }
}

/// Everything a depthwise separable convolution did.
public struct SeparableConvolutionTrace: Equatable, Sendable, Codable {
    /// The input stack C × H × W.
    public var input: Tensor
    /// Step 1: one single-channel convolution per channel.
    public var depthwise: [ConvolutionTrace]
    /// The depthwise outputs stacked: C × H′ × W′.
    public var depthwiseOutput: Tensor
    /// Step 2: P (filters × channels), the biases, and every pointwise sum.
    public var pointwiseWeights: Tensor
    public var biases: [Double]
    public var pointwise: [PointwiseStep]
    /// The output stack: filters × H′ × W′.
    public var output: Tensor
    /// The parameters of this layer, and of an ordinary convolution with the same shapes.
    public var parameters: ParameterCount
    public var standardParameters: ParameterCount
}
