/// One row of the convolution matrix: the window of one output cell.
public struct ConvolutionMatrixRow: Equatable, Sendable, Codable {
    /// The output cell this row computes, 0-based.
    public var outputRow: Int
    public var outputColumn: Int
    /// The non-zero places of the row (weights that land on input cells), in kernel order.
    public var entries: [ConvolutionMatrixEntry]
    /// How many kernel weights fell on zero padding and so have no column.
    public var paddingTaps: Int
}

/// One kernel weight placed in the convolution matrix.
public struct ConvolutionMatrixEntry: Equatable, Sendable, Codable {
    /// The column of M: the flat (row-major) index of the input cell, 0-based.
    public var column: Int
    /// The input cell, 0-based.
    public var inputRow: Int
    public var inputColumn: Int
    /// The kernel weight's place, 0-based.
    public var kernelRow: Int
    public var kernelColumn: Int
    /// The weight.
    public var weight: Double
}

/// One row of M times x, term by term.
public struct ConvolutionMatrixProduct: Equatable, Sendable, Codable {
    /// The row of M (the flat output index), 0-based.
    public var row: Int
    /// The products (input x, weight) summed, in kernel order.
    public var terms: [StatedSum.Pair]
    /// The row's value.
    public var value: Double

    /// The sum written out: `4×1 + 5×4 + … = 122`.
    public var sumText: String {
        Notation.sumOfProducts(terms.map { ($0.input, $0.weight) }, bias: nil, result: value)
    }
}

/// Everything the matrix form of a convolution did.
public struct ConvolutionMatrixTrace: Equatable, Sendable, Codable {
    /// The matrix and how it was built.
    public var matrix: ConvolutionMatrix
    /// The input as a matrix.
    public var input: Tensor
    /// x: the input flattened row by row.
    public var flattenedInput: Tensor
    /// Each row of M·x written out.
    public var products: [ConvolutionMatrixProduct]
    /// M·x as a vector.
    public var product: Tensor
    /// M·x reshaped to the output shape.
    public var output: Tensor
}
