/// Everything the backward pass of a 2-D convolution did, as plain values.
///
/// With upstream gradient G = ∂L/∂z (the shape of the output), stride s, dilation d and
/// padding p (0-based indices, x_p the padded input, w the applied kernel):
///
///     ∂L/∂b       = Σ_i Σ_j G[i, j]
///     ∂L/∂w[u, v] = Σ_i Σ_j G[i, j] · x_p[i·s + u·d, j·s + v·d]
///     ∂L/∂x_p[r, c] = Σ over (i, j, u, v) with i·s + u·d = r and j·s + v·d = c of G[i, j] · w[u, v]
///
/// ∂L/∂x is ∂L/∂x_p with the padding cropped. The kernel gradient is the correlation of
/// the input with G dilated by the stride; the input gradient is the full convolution of
/// G (dilated by the stride) with the kernel rotated by 180°, i.e. the transposed
/// convolution. For a true convolution the gradient of the printed kernel is the applied
/// kernel's gradient rotated back by 180°. This matches PyTorch autograd for `conv2d`.
public struct ConvolutionBackwardTrace: Equatable, Sendable, Codable {
    /// The forward pass this is the backward of.
    public var forward: ConvolutionTrace
    /// The upstream gradient ∂L/∂z, the shape of the output.
    public var upstream: Tensor
    /// ∂L/∂b.
    public var gradBias: Double
    /// ∂L/∂w for the kernel as given (rotated back for a true convolution).
    public var gradKernel: Tensor
    /// ∂L/∂x for the input as given (padding cropped).
    public var gradInput: Tensor
    /// ∂L/∂x_p over the padded input, before cropping.
    public var gradPaddedInput: Tensor
    /// The upstream gradient with s − 1 zeros between its entries (what the kernel gradient correlates with).
    public var dilatedUpstream: Tensor
    /// One step per weight of the applied kernel, row by row.
    public var kernelSteps: [GradientStep]
    /// One step per cell of the padded input, row by row.
    public var inputSteps: [GradientStep]
}

/// How one gradient entry was summed: which upstream cells met which values.
public struct GradientStep: Equatable, Sendable, Codable {
    /// What this is the gradient of, 0-based: a kernel weight or a padded-input cell.
    public var row: Int
    public var column: Int
    /// The products summed, in row-major order of the upstream gradient.
    public var terms: [GradientTerm]
    /// The sum.
    public var value: Double
    /// `∂L/∂w[1,1]` or `∂L/∂x[2,3]` (1-based, input coordinates).
    public var label: String
    /// The sum written out: `∂L/∂w[1,1] = 1×1 + 0×(−1) + … = 2`.
    public var text: String
}

/// One product of a gradient sum: an upstream gradient entry times an input value or a weight.
public struct GradientTerm: Equatable, Sendable, Codable {
    /// The output cell whose upstream gradient this is, 0-based.
    public var outputRow: Int
    public var outputColumn: Int
    /// The upstream gradient G[i, j].
    public var upstream: Double
    /// The other factor: an input value (for ∂L/∂w) or a kernel weight (for ∂L/∂x).
    public var factor: Double
    /// Where the other factor sits, 0-based: in the padded input, or in the applied kernel.
    public var factorRow: Int
    public var factorColumn: Int
    /// Whether the input value is zero padding.
    public var isPadding: Bool
}
