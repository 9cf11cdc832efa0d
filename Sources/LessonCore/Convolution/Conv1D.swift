/// A 1-D convolution of a signal with a kernel and a bias, as a CNN layer computes it.
///
/// For output position i (0-based), with stride s, dilation d and p zeros on each end:
///
///     z[i] = Σ_u  w[u] · x̃[i·s + u·d]  +  b        (u = 0 … k − 1)
///
/// where x̃ is the signal padded with p zeros on each end and w is the kernel as printed
/// (cross-correlation, what PyTorch's `conv1d` computes) or reversed (true convolution).
/// Output length o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1 (see `OutputSize`).
///
/// For an odd kernel of length 2m + 1 the notes (seeds/004) name each output after the
/// input position under the kernel's centre: z_i = Σ_{j=−m}^{m} w_j x_{i+j}, so a valid
/// convolution of x₁ … x₈ gives z₂ … z₇. The trace keeps that name when every centre is a
/// position of the input, and numbers the outputs 1, 2, … otherwise.
public struct Conv1D: Equatable, Sendable {
    /// The kernel as printed (length k).
    public var kernel: [Double]
    /// The bias added to every output.
    public var bias: Double
    /// Zeros added at each end.
    public var padding: Int
    /// Step between windows.
    public var stride: Int
    /// Spacing between kernel taps.
    public var dilation: Int
    /// Cross-correlation (no flip) or true convolution (kernel reversed).
    public var mode: ConvolutionMode
    /// The zeros at the right end beyond `padding`: 1 for TensorFlow's "same" when its total is
    /// odd (see `SamePadding`), else 0.
    public var extraPadding: Int

    /// Creates the operation; nothing is checked until `forward`.
    public init(kernel: [Double], bias: Double = 0, padding: Int = 0, stride: Int = 1, dilation: Int = 1,
                mode: ConvolutionMode = .crossCorrelation, extraPadding: Int = 0) {
        self.kernel = kernel
        self.extraPadding = extraPadding
        self.bias = bias
        self.padding = padding
        self.stride = stride
        self.dilation = dilation
        self.mode = mode
    }

    /// The kernel actually laid on the windows: as printed, or reversed.
    public var appliedKernel: [Double] { mode == .convolution ? kernel.reversed() : kernel }

    /// The output-length arithmetic for a signal of length `n`.
    public func outputSize(for n: Int) -> OutputSize {
        OutputSize(axis: "length", input: n, kernel: kernel.count, padding: padding, stride: stride, dilation: dilation,
                   extraPadding: extraPadding)
    }

    /// Computes every output and the products that make it.
    public func forward(_ input: [Double]) throws -> Conv1DTrace {
        let size = outputSize(for: input.count)
        try size.validate()
        let padded = Array(repeating: 0.0, count: padding) + input + Array(repeating: 0.0, count: padding + extraPadding)
        let applied = appliedKernel
        // The notes' centre naming needs an odd kernel whose centre always sits on the input.
        let half = (applied.count - 1) / 2 * dilation
        let centres = (0..<size.output).map { $0 * stride + half - padding }
        let namedByCentre = applied.count % 2 == 1 && centres.allSatisfy { (0..<input.count).contains($0) }
        var steps: [Conv1DStep] = []
        var output: [Double] = []
        for i in 0..<size.output {
            var terms: [Conv1DTerm] = []
            var sum = 0.0
            for u in 0..<applied.count {
                let position = i * stride + u * dilation
                let x = padded[position]
                sum += applied[u] * x
                let inside = (padding..<(padding + input.count)).contains(position)
                terms.append(Conv1DTerm(paddedPosition: position, kernelIndex: u, input: x, weight: applied[u],
                                        isPadding: !inside))
            }
            let z = try Overflow.check(sum + bias, "the output z[\(i + 1)]")
            output.append(z)
            steps.append(Conv1DStep(position: i, name: namedByCentre ? centres[i] + 1 : i + 1, terms: terms,
                                    bias: bias, value: z))
        }
        return Conv1DTrace(mode: mode, input: input, kernel: kernel, appliedKernel: applied, bias: bias,
                           padding: padding, extraPadding: extraPadding == 0 ? nil : extraPadding, stride: stride, dilation: dilation, paddedInput: padded,
                           output: output, outputSize: size, namedByCentre: namedByCentre, steps: steps)
    }
}
