/// Everything a 2-D convolution did: plain values that text, JSON, figures and the
/// grader read without recomputing anything.
public struct ConvolutionTrace: Equatable, Sendable, Codable {
    /// Cross-correlation or true convolution.
    public var mode: ConvolutionMode
    /// The input as given (unpadded).
    public var input: Tensor
    /// The kernel as given.
    public var kernel: Tensor
    /// The kernel laid on the windows (rotated by 180° for a true convolution).
    public var appliedKernel: Tensor
    /// The bias.
    public var bias: Double
    /// Padding per side, stride and dilation, per axis.
    public var padding: Pair2
    /// The zeros at the bottom and right beyond `padding` (TensorFlow's "same" with an odd total); nil when none.
    public var extraPadding: Pair2?
    public var stride: Pair2
    public var dilation: Pair2
    /// The input with its zero padding.
    public var paddedInput: Tensor
    /// The output matrix.
    public var output: Tensor
    /// The output-size arithmetic, rows then columns.
    public var outputSizes: [OutputSize]
    /// One step per output cell, row by row.
    public var steps: [ConvolutionStep]

    /// The padding as text and figures write it: `1`, or with uneven padding each side:
    /// `top 0, bottom 1, left 0, right 1`.
    public var paddingText: String {
        guard let extra = extraPadding else { return "\(padding)" }
        return "top \(padding.rows), bottom \(padding.rows + extra.rows), left \(padding.columns), right \(padding.columns + extra.columns)"
    }

    /// Whether the input has any zero padding, on any side.
    public var isPadded: Bool { padding != Pair2(0) || extraPadding != nil }

    /// The step that computed output cell (row, column), 0-based.
    public func step(row: Int, column: Int) -> ConvolutionStep {
        steps[row * output.shape[1] + column]
    }
}

/// How one output cell was computed.
public struct ConvolutionStep: Equatable, Sendable, Codable {
    /// The output cell, 0-based.
    public var row: Int
    public var column: Int
    /// The products summed, in row-major order over the kernel.
    public var terms: [ConvolutionTerm]
    /// The bias added.
    public var bias: Double
    /// The output value: Σ input × weight + bias.
    public var value: Double

    /// The name of the cell as the slides write it: `z[1,1]`.
    public var label: String { "z" + Notation.index(row, column) }

    /// The sum written out: `1×1 + 0×(−1) + … + 0 = 2`.
    public var sumText: String {
        Notation.sumOfProducts(terms.map { ($0.input, $0.weight) }, bias: bias, result: value)
    }

    /// The sum without a bias term, for a convolution that has none (a depthwise step):
    /// `1×1 + 2×0 + 0×0 + 1×1 = 2`. A step whose bias is not 0 writes it, as `sumText`.
    public var sumTextWithoutZeroBias: String {
        Notation.sumOfProducts(terms.map { ($0.input, $0.weight) }, bias: bias == 0 ? nil : bias, result: value)
    }

    /// The full line: `z[1,1] = 1×1 + … + 0 = 2`.
    public var text: String { label + " = " + sumText }

    /// The window's rows and columns in the padded input (first and last, inclusive).
    public var windowRows: ClosedRange<Int> { (terms.map(\.paddedRow).min() ?? 0)...(terms.map(\.paddedRow).max() ?? 0) }
    public var windowColumns: ClosedRange<Int> { (terms.map(\.paddedColumn).min() ?? 0)...(terms.map(\.paddedColumn).max() ?? 0) }

    /// The stored fields, plus `label` and `text`.
    public func encode(to encoder: Encoder) throws {
        try encoder.encodeFields(["row": row, "column": column, "label": label, "terms": terms, "bias": bias,
                                  "value": value, "text": text])
    }
}

/// One product of a convolution sum: an input cell times a kernel weight.
public struct ConvolutionTerm: Equatable, Sendable, Codable {
    /// Where the input value sits in the padded input, 0-based.
    public var paddedRow: Int
    public var paddedColumn: Int
    /// Which weight of the applied kernel, 0-based.
    public var kernelRow: Int
    public var kernelColumn: Int
    /// The input value (0 on padding).
    public var input: Double
    /// The weight.
    public var weight: Double
    /// Whether the input value is zero padding rather than a cell of the input.
    public var isPadding: Bool

    /// input × weight.
    public var product: Double { input * weight }
}
