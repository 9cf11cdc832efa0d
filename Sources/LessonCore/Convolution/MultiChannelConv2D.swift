/// A convolutional layer: K filters, each spanning every input channel, one bias per filter.
///
/// Input x has shape C_in × H × W; filter f has shape C_in × k_r × k_c and bias b_f. Output
/// channel f, cell (i, j) (0-based), with stride s, dilation d and padding p:
///
///     z[f, i, j] = Σ_c Σ_u Σ_v  x_p[c, i·s_r + u·d_r, j·s_c + v·d_c] · w_f[c, u, v]  +  b_f
///
/// i.e. the sum over channels of one 2-D cross-correlation per channel (`Conv2D`, which
/// keeps the terms), plus the filter's bias. The output has shape K × H_out × W_out with
/// the sizes of `OutputSize`. This is PyTorch's `Conv2d(C_in, K, k)` with `groups = 1`
/// (weights K × C_in × k_r × k_c) and Keras's `Conv2D(K, k)` on channels-first data.
public struct MultiChannelConv2D: Equatable, Sendable {
    /// The filters, each C_in × k_r × k_c.
    public var filters: [Tensor]
    /// One bias per filter.
    public var biases: [Double]
    /// Padding per side, stride and dilation, per axis.
    public var padding: Pair2
    public var stride: Pair2
    public var dilation: Pair2
    /// The zeros at the bottom and right beyond `padding` (TensorFlow's "same" with an odd total, see `SamePadding`).
    public var extraPadding: Pair2

    /// Creates the layer; nothing is checked until `forward`.
    public init(filters: [Tensor], biases: [Double], padding: Pair2 = Pair2(0), stride: Pair2 = Pair2(1),
                dilation: Pair2 = Pair2(1), extraPadding: Pair2 = Pair2(0)) {
        self.extraPadding = extraPadding
        self.filters = filters
        self.biases = biases
        self.padding = padding
        self.stride = stride
        self.dilation = dilation
    }

    /// Throws an `InputError` when the layer cannot be applied to an input of this shape:
    /// a channel count that differs, filters of different sizes, a bias count that is not K.
    public func validate(inputShape: [Int]) throws {
        guard inputShape.count == 3 else {
            throw InputError("the input must be C_in × H × W (channels of equal size), got shape \(Notation.shape(inputShape))")
        }
        guard let first = filters.first else { throw InputError("the layer needs at least one filter") }
        for (f, filter) in filters.enumerated() {
            guard filter.rank == 3 else {
                throw InputError("filter \(f + 1) must be C_in × k × k, got shape \(Notation.shape(filter.shape))")
            }
            if filter.shape[0] != inputShape[0] {
                throw InputError("filter \(f + 1) has \(filter.shape[0]) \(Counted.noun(filter.shape[0], "channel")) but the input has \(inputShape[0]); every filter needs one k × k slice per input channel")
            }
            if filter.shape != first.shape {
                throw InputError("filter \(f + 1) is \(Notation.shape(filter.shape)) but filter 1 is \(Notation.shape(first.shape)); all filters of a layer have the same size")
            }
        }
        if biases.count != filters.count {
            throw InputError("the layer has \(filters.count) \(Counted.noun(filters.count, "filter")) but \(biases.count) \(Counted.noun(biases.count, "bias", plural: "biases")); each filter has exactly one bias")
        }
        let probe = Conv2D(kernel: first.channel(0), padding: padding, stride: stride, dilation: dilation, extraPadding: extraPadding)
        try probe.validate(inputShape: Array(inputShape.dropFirst()))
    }

    /// The parameter count of this layer.
    public func parameterCount() -> ConvolutionParameterCount {
        let shape = filters.first?.shape ?? [0, 0, 0]
        return ConvolutionParameterCount(inputChannels: shape[0], kernelRows: shape[1], kernelColumns: shape[2], filters: filters.count)
    }

    /// Computes every output cell, keeping each channel's 2-D trace.
    public func forward(_ input: Tensor) throws -> MultiChannelConvolutionTrace {
        try validate(inputShape: input.shape)
        let channels = input.shape[0]
        let inputSlices = (0..<channels).map { input.channel($0) }
        var perFilter: [[ConvolutionTrace]] = []
        for filter in filters {
            var traces: [ConvolutionTrace] = []
            for c in 0..<channels {
                let conv = Conv2D(kernel: filter.channel(c), padding: padding, stride: stride, dilation: dilation,
                                  extraPadding: extraPadding)
                traces.append(try conv.forward(inputSlices[c]))
            }
            perFilter.append(traces)
        }
        let outRows = perFilter[0][0].output.shape[0], outColumns = perFilter[0][0].output.shape[1]
        var output = Tensor(shape: [filters.count, outRows, outColumns])
        var steps: [MultiChannelStep] = []
        for (f, traces) in perFilter.enumerated() {
            for i in 0..<outRows {
                for j in 0..<outColumns {
                    let partials = traces.map { $0.output[i, j] }
                    let z = try Overflow.check(partials.reduce(0, +) + biases[f], "the output cell [\(f + 1)][\(i + 1),\(j + 1)] of filter \(f + 1)")
                    output[f, i, j] = z
                    steps.append(MultiChannelStep(filter: f, row: i, column: j, channelSums: partials, bias: biases[f], value: z))
                }
            }
        }
        return MultiChannelConvolutionTrace(input: input, filters: filters, biases: biases, padding: padding,
                                            extraPadding: extraPadding == Pair2(0) ? nil : extraPadding, stride: stride, dilation: dilation, channelTraces: perFilter,
                                            output: output, outputSizes: perFilter[0][0].outputSizes, steps: steps,
                                            parameters: parameterCount())
    }


    /// Stacks equal-sized matrices into a C × H × W tensor.
    public static func stack(_ matrices: [Tensor]) -> Tensor {
        precondition(!matrices.isEmpty && matrices.allSatisfy { $0.rank == 2 && $0.shape == matrices[0].shape },
                     "stack needs matrices of one shape")
        return Tensor(shape: [matrices.count] + matrices[0].shape, scalars: matrices.flatMap(\.scalars))
    }
}
