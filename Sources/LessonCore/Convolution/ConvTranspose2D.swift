/// A 2-D transposed convolution, as PyTorch's `conv_transpose2d` computes it (one channel, no bias).
///
/// Every input cell y[i, j] (0-based) adds a copy of the kernel scaled by y[i, j], placed with its
/// top-left weight at (i·s_r, j·s_c) of an uncropped canvas and its taps d apart:
///
///     canvas[i·s_r + u·d_r, j·s_c + v·d_c] += y[i, j] · w[u, v]
///
/// The output is the canvas without p rows and columns at the start and with
/// p − output_padding removed at the end: out[a, b] = canvas[a + p_r, b + p_c], of size
/// o = (n − 1)s − 2p + d(k − 1) + output_padding + 1 per axis (`TransposedOutputSize`).
/// This is the adjoint (the transposed matrix) of `Conv2D` with the same k, s, p, d:
/// ⟨conv(x), y⟩ = ⟨x, convTranspose(y)⟩ for every x of the output's shape.
///
/// Keras's `Conv2DTranspose(padding="same")` (TensorFlow's `conv2d_transpose` with SAME and
/// output shape n·s) is the adjoint of `Conv2D` with "same" padding on an input of n·s cells
/// (`kerasSame`): it crops ⌊total/2⌋ at the start and the rest at the end (`extraCrop` is the
/// difference), total = max(d(k − 1) + 1 − s, 0), and when the copies do not reach n·s cells
/// (s > d(k − 1) + 1) the missing ones are zeros at the end, an output_padding of s − d(k − 1) − 1.
public struct ConvTranspose2D: Equatable, Sendable {
    /// The kernel (k_r × k_c).
    public var kernel: Tensor
    /// The padding of the convolution this one transposes: cropped from each side of the canvas.
    public var padding: Pair2
    /// Step between kernel copies on the canvas.
    public var stride: Pair2
    /// Spacing between kernel taps.
    public var dilation: Pair2
    /// Extra rows and columns added at the end of the output (0 ≤ output_padding < max(s, d)).
    public var outputPadding: Pair2
    /// Rows and columns cropped at the end beyond `padding` (Keras's "same" with an odd total).
    public var extraCrop: Pair2

    /// Creates the operation; nothing is checked until `forward`.
    public init(kernel: Tensor, padding: Pair2 = Pair2(0), stride: Pair2 = Pair2(1), dilation: Pair2 = Pair2(1),
                outputPadding: Pair2 = Pair2(0), extraCrop: Pair2 = Pair2(0)) {
        self.kernel = kernel
        self.padding = padding
        self.stride = stride
        self.dilation = dilation
        self.outputPadding = outputPadding
        self.extraCrop = extraCrop
    }

    /// Keras's `Conv2DTranspose(padding="same")` for an `inputShape` input: the output is n·s per
    /// axis. `rule` is the "same" padding of the convolution it transposes (input n·s, stride s).
    public static func kerasSame(kernel: Tensor, inputShape: [Int], stride: Pair2 = Pair2(1), dilation: Pair2 = Pair2(1))
        -> (operation: ConvTranspose2D, rule: [SamePadding]) {
        let n = inputShape.count == 2 ? inputShape : [0, 0]
        let rule = SamePadding.rowsAndColumns(input: [n[0] * stride.rows, n[1] * stride.columns], kernel: kernel.shape,
                                              stride: stride, dilation: dilation)
        let (padding, extra) = SamePadding.pads(rule)
        // Zeros at the end when the copies stop short of n·s: s − (d(k − 1) + 1) + total.
        func missing(_ axis: SamePadding) -> Int { axis.stride - (axis.dilation * (axis.kernel - 1) + 1) + axis.total }
        let operation = ConvTranspose2D(kernel: kernel, padding: padding, stride: stride, dilation: dilation,
                                        outputPadding: Pair2(rows: missing(rule[0]), columns: missing(rule[1])), extraCrop: extra)
        return (operation, rule)
    }

    /// The output-size arithmetic for an input of this shape, rows then columns.
    public func outputSizes(for inputShape: [Int]) -> [TransposedOutputSize] {
        let n = inputShape.count == 2 ? inputShape : [0, 0]
        let k = kernel.rank == 2 ? kernel.shape : [0, 0]
        return [
            TransposedOutputSize(axis: "rows", input: n[0], kernel: k[0], padding: padding.rows, stride: stride.rows,
                                 dilation: dilation.rows, outputPadding: outputPadding.rows, extraCrop: extraCrop.rows),
            TransposedOutputSize(axis: "columns", input: n[1], kernel: k[1], padding: padding.columns,
                                 stride: stride.columns, dilation: dilation.columns, outputPadding: outputPadding.columns,
                                 extraCrop: extraCrop.columns),
        ]
    }

    /// Throws an `InputError` when this operation cannot be applied to an input of this shape.
    public func validate(inputShape: [Int]) throws {
        guard inputShape.count == 2 else { throw InputError("the input must be a matrix, got shape \(Notation.shape(inputShape))") }
        guard kernel.rank == 2 else { throw InputError("the kernel must be a matrix, got shape \(Notation.shape(kernel.shape))") }
        for size in outputSizes(for: inputShape) { try size.validate() }
        let sizes = outputSizes(for: inputShape)
        let cells = sizes[0].output * sizes[1].output
        guard cells * inputShape[0] * inputShape[1] <= ConvolutionMatrix.maximumEntries else {
            throw InputError("the transposed matrix would have \(cells)×\(inputShape[0] * inputShape[1]) entries; at most \(ConvolutionMatrix.maximumEntries) are built, so use a smaller input")
        }
    }

    /// Scatters every input cell's kernel copy, recording each step and the transposed matrix.
    public func forward(_ input: Tensor) throws -> ConvTransposeTrace {
        try validate(inputShape: input.shape)
        let sizes = outputSizes(for: input.shape)
        let outputShape = [sizes[0].output, sizes[1].output]
        // The canvas holds every placed tap and the output_padding rows/columns at the end.
        let canvasShape = [
            (input.shape[0] - 1) * stride.rows + dilation.rows * (kernel.shape[0] - 1) + 1 + outputPadding.rows,
            (input.shape[1] - 1) * stride.columns + dilation.columns * (kernel.shape[1] - 1) + 1 + outputPadding.columns,
        ]
        precondition(canvasShape[0] - 2 * padding.rows - extraCrop.rows == outputShape[0]
                     && canvasShape[1] - 2 * padding.columns - extraCrop.columns == outputShape[1],
                     "canvas \(canvasShape) cropped by \(padding) is not the output \(outputShape)")
        var canvas = Tensor(shape: canvasShape)
        var matrix = Tensor(shape: [outputShape[0] * outputShape[1], input.count])
        var steps: [ScatterStep] = []
        steps.reserveCapacity(input.count)
        for i in 0..<input.shape[0] {
            for j in 0..<input.shape[1] {
                let y = input[i, j]
                var placements: [ScatterPlacement] = []
                for u in 0..<kernel.shape[0] {
                    for v in 0..<kernel.shape[1] {
                        let r = i * stride.rows + u * dilation.rows
                        let c = j * stride.columns + v * dilation.columns
                        let w = kernel[u, v]
                        canvas[r, c] += y * w
                        let a = r - padding.rows, b = c - padding.columns
                        let kept = (0..<outputShape[0]).contains(a) && (0..<outputShape[1]).contains(b)
                        if kept { matrix[a * outputShape[1] + b, i * input.shape[1] + j] = w }
                        placements.append(ScatterPlacement(canvasRow: r, canvasColumn: c, kernelRow: u, kernelColumn: v,
                                                           weight: w, product: y * w, isCropped: !kept))
                    }
                }
                steps.append(ScatterStep(row: i, column: j, value: y, placements: placements, canvasAfter: canvas))
            }
        }
        var output = Tensor(shape: outputShape)
        for a in 0..<outputShape[0] {
            for b in 0..<outputShape[1] { output[a, b] = canvas[a + padding.rows, b + padding.columns] }
        }
        // The same output read through the matrix: out = Cᵀ·y, row by row.
        var products: [ConvolutionMatrixProduct] = []
        for r in 0..<matrix.shape[0] {
            var terms: [StatedSum.Pair] = []
            var sum = 0.0
            for j in 0..<matrix.shape[1] where matrix[r, j] != 0 {
                terms.append(StatedSum.Pair(input: input[j], weight: matrix[r, j]))
                sum += input[j] * matrix[r, j]
            }
            products.append(ConvolutionMatrixProduct(row: r, terms: terms, value: sum))
        }
        return ConvTransposeTrace(input: input, kernel: kernel, padding: padding, stride: stride, dilation: dilation,
                                  outputPadding: outputPadding, extraCrop: extraCrop == Pair2(0) ? nil : extraCrop, outputSizes: sizes, steps: steps, canvas: canvas,
                                  output: output, transposedMatrix: matrix, products: products)
    }
}
