/// One input cell's kernel copy added to the canvas.
public struct ScatterStep: Equatable, Sendable, Codable {
    /// The input cell, 0-based.
    public var row: Int
    public var column: Int
    /// Its value y[i, j], the factor of the kernel copy.
    public var value: Double
    /// Where each scaled weight lands, in kernel order.
    public var placements: [ScatterPlacement]
    /// The canvas after this copy was added.
    public var canvasAfter: Tensor

    /// `y[1,1]`.
    public var label: String { "y" + Notation.index(row, column) }
}

/// One weight of a kernel copy on the canvas.
public struct ScatterPlacement: Equatable, Sendable, Codable {
    /// The canvas cell, 0-based (the output cell is this minus the padding).
    public var canvasRow: Int
    public var canvasColumn: Int
    /// The weight's place in the kernel, 0-based.
    public var kernelRow: Int
    public var kernelColumn: Int
    /// The weight and y · weight.
    public var weight: Double
    public var product: Double
    /// Whether the cell is cropped away by the padding (it never reaches the output).
    public var isCropped: Bool
}

/// Everything a transposed convolution did.
public struct ConvTransposeTrace: Equatable, Sendable, Codable {
    public var input: Tensor
    public var kernel: Tensor
    public var padding: Pair2
    public var stride: Pair2
    public var dilation: Pair2
    public var outputPadding: Pair2
    /// Rows and columns cropped at the end beyond `padding` (Keras's "same"); nil when none.
    public var extraCrop: Pair2?
    /// The output-size arithmetic, rows then columns.
    public var outputSizes: [TransposedOutputSize]
    /// One scatter step per input cell, row by row.
    public var steps: [ScatterStep]
    /// The uncropped canvas after every copy was added.
    public var canvas: Tensor
    /// The canvas without the padding: the output.
    public var output: Tensor
    /// Cᵀ: (o_r·o_c) × (n_r·n_c); column i·n_c + j holds the kernel copy of y[i, j] as it lands on the output.
    public var transposedMatrix: Tensor

    /// The crop as the text writes it: `1`, or `top 0, bottom 1, left 0, right 1` with an extra crop.
    public var paddingText: String {
        guard let extra = extraCrop else { return "\(padding)" }
        return "top \(padding.rows), bottom \(padding.rows + extra.rows), left \(padding.columns), right \(padding.columns + extra.columns)"
    }

    /// Whether Cᵀ is exactly the transpose of the matrix C of the convolution `forward`
    /// (false when output_padding reaches the stride, so C has another shape).
    public func isTranspose(of forward: ConvolutionMatrix) -> Bool {
        let t = transposedMatrix.shape
        return forward.matrix.shape == [t[1], t[0]] && forward.matrix.transposed == transposedMatrix
    }
    /// out = Cᵀ·y row by row: each output cell as the sum of the kernel copies that reach it.
    public var products: [ConvolutionMatrixProduct]
}
