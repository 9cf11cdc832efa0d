/// A depthwise separable convolution, as Keras's `SeparableConv2D` (depth multiplier 1) and
/// PyTorch's `Conv2d(groups = C_in)` followed by a 1×1 `Conv2d` compute it.
///
/// Input x: C_in × H × W. Step 1, depthwise: channel c is cross-correlated with its own
/// kernel D_c (k × k), with no bias (Keras puts the bias after the pointwise step):
///
///     h[c, i, j] = Σ_u Σ_v x_p[c, i·s + u, j·s + v] · D_c[u, v]
///
/// Step 2, pointwise: a 1×1 convolution mixes the channels, one weight P[f, c] per filter f
/// and channel c, plus one bias b_f per filter:
///
///     z[f, i, j] = Σ_c h[c, i, j] · P[f, c] + b_f
///
/// The same output comes from an ordinary convolution with filter f's kernel for channel c
/// equal to P[f, c]·D_c, which has C_in·k·k weights per filter instead of k·k + C_in.
public struct SeparableConv2D: Equatable, Sendable {
    /// One k × k kernel per input channel.
    public var depthwiseKernels: [Tensor]
    /// P: filters × channels.
    public var pointwiseWeights: Tensor
    /// One bias per filter.
    public var biases: [Double]
    /// Zero padding and stride of the depthwise step.
    public var padding: Pair2
    public var stride: Pair2
    /// Zeros after the input beyond `padding` (bottom, right): Keras' "same" with an odd total.
    public var extraPadding: Pair2

    /// Creates the operation; nothing is checked until `forward`.
    public init(depthwiseKernels: [Tensor], pointwiseWeights: Tensor, biases: [Double], padding: Pair2 = Pair2(0),
                stride: Pair2 = Pair2(1), extraPadding: Pair2 = Pair2(0)) {
        self.depthwiseKernels = depthwiseKernels
        self.pointwiseWeights = pointwiseWeights
        self.biases = biases
        self.padding = padding
        self.stride = stride
        self.extraPadding = extraPadding
    }

    /// Throws an `InputError` that says which count or shape does not match.
    public func validate(inputShape: [Int]) throws {
        guard inputShape.count == 3 else {
            throw InputError("the input must be a stack of channels (C × H × W), got shape \(Notation.shape(inputShape))")
        }
        let channels = inputShape[0]
        guard depthwiseKernels.count == channels else {
            throw InputError("the input has \(channels) \(Counted.noun(channels, "channel")) but there \(depthwiseKernels.count == 1 ? "is 1 depthwise kernel" : "are \(depthwiseKernels.count) depthwise kernels"); the depthwise step needs one kernel per channel")
        }
        guard let first = depthwiseKernels.first, first.rank == 2 else {
            throw InputError("the depthwise kernels must be matrices")
        }
        for (c, kernel) in depthwiseKernels.enumerated() where kernel.shape != first.shape {
            throw InputError("depthwise kernel \(c + 1) is \(Notation.shape(kernel.shape)) but kernel 1 is \(Notation.shape(first.shape)); all must have the same size")
        }
        guard pointwiseWeights.rank == 2, pointwiseWeights.shape[1] == channels else {
            throw InputError("the pointwise weights are \(Notation.shape(pointwiseWeights.shape)) but must be filters × \(channels) (one column per input channel)")
        }
        guard biases.count == pointwiseWeights.shape[0] else {
            throw InputError("there are \(pointwiseWeights.shape[0]) pointwise filters but \(biases.count) \(Counted.noun(biases.count, "bias", plural: "biases")); each filter needs one bias")
        }
        let probe = Conv2D(kernel: first, padding: padding, stride: stride, extraPadding: extraPadding)
        try probe.validate(inputShape: Array(inputShape[1...]))
    }

    /// Runs both steps and records them.
    public func forward(_ input: Tensor) throws -> SeparableConvolutionTrace {
        try validate(inputShape: input.shape)
        let channels = input.shape[0], height = input.shape[1], width = input.shape[2]
        var depthwise: [ConvolutionTrace] = []
        for c in 0..<channels {
            let slice = Tensor(shape: [height, width], scalars: Array(input.scalars[(c * height * width)..<((c + 1) * height * width)]))
            depthwise.append(try Conv2D(kernel: depthwiseKernels[c], padding: padding, stride: stride, extraPadding: extraPadding)
                .forward(slice))
        }
        let featureShape = depthwise[0].output.shape
        let hidden = Tensor(shape: [channels] + featureShape, scalars: depthwise.flatMap(\.output.scalars))
        let filters = pointwiseWeights.shape[0]
        var output = Tensor(shape: [filters] + featureShape)
        var steps: [PointwiseStep] = []
        for f in 0..<filters {
            for i in 0..<featureShape[0] {
                for j in 0..<featureShape[1] {
                    var terms: [StatedSum.Pair] = []
                    var sum = 0.0
                    for c in 0..<channels {
                        let h = hidden[c, i, j], p = pointwiseWeights[f, c]
                        terms.append(StatedSum.Pair(input: h, weight: p))
                        sum += h * p
                    }
                    let z = try Overflow.check(sum + biases[f], "the pointwise output [\(f + 1)][\(i + 1),\(j + 1)]")
                    output[f, i, j] = z
                    steps.append(PointwiseStep(filter: f, row: i, column: j, terms: terms, bias: biases[f], value: z))
                }
            }
        }
        return SeparableConvolutionTrace(input: input, depthwise: depthwise, depthwiseOutput: hidden,
                                         pointwiseWeights: pointwiseWeights, biases: biases, pointwise: steps,
                                         output: output,
                                         parameters: ParameterCount.separable(channels: channels, kernel: depthwiseKernels[0].shape,
                                                                              filters: filters),
                                         standardParameters: ParameterCount.standard(channels: channels,
                                                                                     kernel: depthwiseKernels[0].shape,
                                                                                     filters: filters))
    }
}
