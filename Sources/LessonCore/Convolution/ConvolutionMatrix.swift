/// A 2-D cross-correlation written as one matrix: z = M·x, with x the input flattened row by row.
///
/// For an n_r × n_c input and an o_r × o_c output, M has o_r·o_c rows (one per output cell,
/// row-major) and n_r·n_c columns (one per input cell, row-major). Row i·o_c + j holds the
/// kernel weight w[u, v] in column r·n_c + c whenever the window of output cell (i, j) lays
/// that weight on input cell (r, c) = (i·s_r + u·d_r − p_r, j·s_c + v·d_c − p_c) (0-based);
/// every other entry is 0. Taps that fall on zero padding multiply a zero and have no column.
/// Keras's "same" padding of an even kernel adds `extraPadding` zeros at the bottom and right
/// (see `SamePadding`): they only lengthen the output, since p stays the zeros on top and left.
/// With no padding, stride 1 and a square n × n input this is the notes' (t² × n²) matrix,
/// t = n − k + 1.
public struct ConvolutionMatrix: Equatable, Sendable, Codable {
    /// The largest matrix built (rows × columns), so a large input is refused rather than exhausting memory.
    public static let maximumEntries = 4_000_000

    /// The input shape (rows, columns).
    public var inputShape: [Int]
    /// The output shape (rows, columns).
    public var outputShape: [Int]
    /// The kernel as laid on the windows.
    public var kernel: Tensor
    /// Padding, stride and dilation per axis.
    public var padding: Pair2
    public var stride: Pair2
    public var dilation: Pair2
    /// The zeros at the bottom and right beyond `padding` (Keras's "same" for an even kernel);
    /// nil when there are none, so the JSON of an even padding is as before.
    public var extraPadding: Pair2?
    /// The output-size arithmetic, rows then columns.
    public var outputSizes: [OutputSize]
    /// M itself: (o_r·o_c) × (n_r·n_c).
    public var matrix: Tensor
    /// One entry per row of M: which window it is and where its weights sit.
    public var rows: [ConvolutionMatrixRow]

    /// Builds M for a kernel and an input shape; throws an `InputError` for impossible sizes.
    public init(kernel: Tensor, inputShape: [Int], padding: Pair2 = Pair2(0), stride: Pair2 = Pair2(1),
                dilation: Pair2 = Pair2(1), extraPadding: Pair2 = Pair2(0)) throws {
        let operation = Conv2D(kernel: kernel, padding: padding, stride: stride, dilation: dilation, extraPadding: extraPadding)
        try operation.validate(inputShape: inputShape)
        let sizes = operation.outputSizes(for: inputShape)
        let outputShape = [sizes[0].output, sizes[1].output]
        let rowCount = outputShape[0] * outputShape[1], columnCount = inputShape[0] * inputShape[1]
        guard rowCount * columnCount <= Self.maximumEntries else {
            throw InputError("the matrix would be \(rowCount)×\(columnCount) = \(rowCount * columnCount) entries; at most \(Self.maximumEntries) are built, so use a smaller input")
        }
        var matrix = Tensor(shape: [rowCount, columnCount])
        var rows: [ConvolutionMatrixRow] = []
        rows.reserveCapacity(rowCount)
        for i in 0..<outputShape[0] {
            for j in 0..<outputShape[1] {
                var entries: [ConvolutionMatrixEntry] = []
                var paddingTaps = 0
                for u in 0..<kernel.shape[0] {
                    for v in 0..<kernel.shape[1] {
                        let r = i * stride.rows + u * dilation.rows - padding.rows
                        let c = j * stride.columns + v * dilation.columns - padding.columns
                        guard (0..<inputShape[0]).contains(r), (0..<inputShape[1]).contains(c) else {
                            paddingTaps += 1
                            continue
                        }
                        let column = r * inputShape[1] + c
                        matrix[rows.count, column] = kernel[u, v]
                        entries.append(ConvolutionMatrixEntry(column: column, inputRow: r, inputColumn: c,
                                                              kernelRow: u, kernelColumn: v, weight: kernel[u, v]))
                    }
                }
                rows.append(ConvolutionMatrixRow(outputRow: i, outputColumn: j, entries: entries, paddingTaps: paddingTaps))
            }
        }
        self.inputShape = inputShape
        self.outputShape = outputShape
        self.kernel = kernel
        self.padding = padding
        self.stride = stride
        self.dilation = dilation
        self.extraPadding = extraPadding == Pair2(0) ? nil : extraPadding
        self.outputSizes = sizes
        self.matrix = matrix
        self.rows = rows
    }

    /// The padding as the text writes it: `1`, or `top 0, bottom 1, left 0, right 1` with extra zeros.
    public var paddingText: String {
        guard let extra = extraPadding else { return "\(padding)" }
        let p = padding
        return "top \(p.rows), bottom \(p.rows + extra.rows), left \(p.columns), right \(p.columns + extra.columns)"
    }

    /// Multiplies M by the flattened input and reshapes the product: the whole computation, recorded.
    public func multiply(_ input: Tensor) throws -> ConvolutionMatrixTrace {
        guard input.shape == inputShape else {
            throw InputError("the input is \(Notation.shape(input.shape)) but the matrix was built for a \(Notation.shape(inputShape)) input")
        }
        let flattened = Tensor(vector: input.scalars)
        var products: [ConvolutionMatrixProduct] = []
        products.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            var sum = 0.0
            var terms: [StatedSum.Pair] = []
            for entry in row.entries {
                let x = flattened[entry.column]
                sum += matrix[index, entry.column] * x
                terms.append(StatedSum.Pair(input: x, weight: entry.weight))
            }
            products.append(ConvolutionMatrixProduct(row: index, terms: terms, value: sum))
        }
        let product = Tensor(vector: products.map(\.value))
        return ConvolutionMatrixTrace(matrix: self, input: input, flattenedInput: flattened, products: products,
                                      product: product, output: product.reshaped(outputShape))
    }
}
