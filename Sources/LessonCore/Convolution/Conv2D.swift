/// A 2-D convolution of one channel with one kernel and a bias, as a CNN layer computes it.
///
/// For output cell (i, j) (0-based), with stride s, dilation d and zero padding p:
///
///     z[i, j] = Σ_u Σ_v  x_p[i·s_r + u·d_r, j·s_c + v·d_c] · w[u, v]  +  b
///
/// where x_p is the input padded with p zeros on each side and w is the kernel as printed
/// (cross-correlation) or rotated by 180° (true convolution). Output size per axis:
/// o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1 (see `OutputSize`). This matches PyTorch's
/// `torch.nn.functional.conv2d` with integer `padding`, `stride` and `dilation`.
public struct Conv2D: Equatable, Sendable {
    /// The kernel as printed (k_r × k_c).
    public var kernel: Tensor
    /// The bias added to every output cell.
    public var bias: Double
    /// Zero padding on each side, per axis.
    public var padding: Pair2
    /// Step between windows, per axis.
    public var stride: Pair2
    /// Spacing between kernel taps, per axis.
    public var dilation: Pair2
    /// Cross-correlation (no flip) or true convolution (flip).
    public var mode: ConvolutionMode

    /// The zeros at the bottom and right beyond `padding`: 1 where TensorFlow's "same" padding
    /// has an odd total (see `SamePadding`), else 0.
    public var extraPadding: Pair2

    /// Creates the operation; nothing is checked until `forward`.
    public init(kernel: Tensor, bias: Double = 0, padding: Pair2 = Pair2(0), stride: Pair2 = Pair2(1),
                dilation: Pair2 = Pair2(1), mode: ConvolutionMode = .crossCorrelation, extraPadding: Pair2 = Pair2(0)) {
        (self.kernel, self.bias, self.padding, self.stride) = (kernel, bias, padding, stride)
        (self.dilation, self.mode, self.extraPadding) = (dilation, mode, extraPadding)
    }

    /// The kernel actually laid on the windows: as printed, or rotated by 180°.
    public var appliedKernel: Tensor { mode == .convolution ? kernel.rotated180 : kernel }

    /// The output-size arithmetic for an input of this shape, rows then columns.
    public func outputSizes(for inputShape: [Int]) -> [OutputSize] {
        let rows = inputShape.count == 2 ? inputShape[0] : 0
        let columns = inputShape.count == 2 ? inputShape[1] : 0
        let kernelRows = kernel.rank == 2 ? kernel.shape[0] : 0
        let kernelColumns = kernel.rank == 2 ? kernel.shape[1] : 0
        return [
            OutputSize(axis: "rows", input: rows, kernel: kernelRows, padding: padding.rows,
                       stride: stride.rows, dilation: dilation.rows, extraPadding: extraPadding.rows),
            OutputSize(axis: "columns", input: columns, kernel: kernelColumns, padding: padding.columns,
                       stride: stride.columns, dilation: dilation.columns, extraPadding: extraPadding.columns),
        ]
    }

    /// Throws an `InputError` when this operation cannot be applied to an input of this shape.
    public func validate(inputShape: [Int]) throws {
        guard inputShape.count == 2 else { throw InputError("the input must be a matrix, got shape \(Notation.shape(inputShape))") }
        guard kernel.rank == 2 else { throw InputError("the kernel must be a matrix, got shape \(Notation.shape(kernel.shape))") }
        for size in outputSizes(for: inputShape) { try size.validate() }
    }

    /// Computes the output and the trace of every output cell.
    public func forward(_ input: Tensor) throws -> ConvolutionTrace {
        try validate(inputShape: input.shape)
        let sizes = outputSizes(for: input.shape)
        let padded = input.zeroPadded(rows: padding.rows, columns: padding.columns, extra: extraPadding)
        let applied = appliedKernel
        var output = Tensor(shape: [sizes[0].output, sizes[1].output])
        var steps: [ConvolutionStep] = []
        steps.reserveCapacity(output.count)
        for i in 0..<output.shape[0] {
            for j in 0..<output.shape[1] {
                var terms: [ConvolutionTerm] = []
                terms.reserveCapacity(applied.count)
                var sum = 0.0
                for u in 0..<applied.shape[0] {
                    for v in 0..<applied.shape[1] {
                        let r = i * stride.rows + u * dilation.rows
                        let c = j * stride.columns + v * dilation.columns
                        let x = padded[r, c]
                        let w = applied[u, v]
                        sum += x * w
                        let inside = (padding.rows..<(padding.rows + input.shape[0])).contains(r)
                            && (padding.columns..<(padding.columns + input.shape[1])).contains(c)
                        terms.append(ConvolutionTerm(paddedRow: r, paddedColumn: c, kernelRow: u, kernelColumn: v,
                                                     input: x, weight: w, isPadding: !inside))
                    }
                }
                let z = try Overflow.check(sum + bias, "the output cell z[\(i + 1),\(j + 1)]")
                output[i, j] = z
                steps.append(ConvolutionStep(row: i, column: j, terms: terms, bias: bias, value: z))
            }
        }
        return ConvolutionTrace(mode: mode, input: input, kernel: kernel, appliedKernel: applied, bias: bias,
                                padding: padding, extraPadding: extraPadding == Pair2(0) ? nil : extraPadding, stride: stride, dilation: dilation, paddedInput: padded,
                                output: output, outputSizes: sizes, steps: steps)
    }
}
