/// Everything a multi-channel convolution layer did, as plain values.
public struct MultiChannelConvolutionTrace: Equatable, Sendable, Codable {
    /// The input, C_in × H × W.
    public var input: Tensor
    /// The filters, each C_in × k_r × k_c, and one bias per filter.
    public var filters: [Tensor]
    public var biases: [Double]
    /// Padding per side, stride and dilation, per axis.
    public var padding: Pair2
    /// The zeros at the bottom and right beyond `padding`; nil when every side gets `padding`.
    public var extraPadding: Pair2?
    public var stride: Pair2
    public var dilation: Pair2
    /// `channelTraces[f][c]`: filter f's slice c slid over input channel c (bias 0).
    public var channelTraces: [[ConvolutionTrace]]
    /// The output, K × H_out × W_out.
    public var output: Tensor
    /// The output-size arithmetic, rows then columns.
    public var outputSizes: [OutputSize]
    /// One step per output cell: filter by filter, then row by row.
    public var steps: [MultiChannelStep]
    /// The parameter count (C_in·k·k + 1)·K.
    public var parameters: ConvolutionParameterCount

    /// The step that computed output cell (filter, row, column), 0-based.
    public func step(filter: Int, row: Int, column: Int) -> MultiChannelStep {
        steps[(filter * output.shape[1] + row) * output.shape[2] + column]
    }

    /// Output channel `f` as a matrix.
    public func outputChannel(_ f: Int) -> Tensor { output.channel(f) }
}

/// How one output cell of a multi-channel layer was computed: one partial sum per channel, plus the bias.
public struct MultiChannelStep: Equatable, Sendable, Codable {
    /// The filter (output channel), row and column, 0-based.
    public var filter: Int
    public var row: Int
    public var column: Int
    /// Σ_u Σ_v x[c, …]·w[c, u, v] for each input channel c.
    public var channelSums: [Double]
    /// The filter's bias.
    public var bias: Double
    /// The output value: the channel sums plus the bias.
    public var value: Double

    /// `z[2][1,3]`: output channel 2, row 1, column 3 (1-based).
    public var label: String { "z[\(filter + 1)]" + Notation.index(row, column) }

    /// `4 + (−2) + 3 + 1 = 6`: the channel sums, then the bias.
    public var sumText: String {
        (channelSums.map { Notation.factor($0) } + [Notation.factor(bias)]).joined(separator: " + ") + " = " + Notation.number(value)
    }

    /// `z[2][1,3] = 4 + (−2) + 3 + 1 = 6`.
    public var text: String { label + " = " + sumText }

    /// The stored fields, plus `label` and `text`.
    public func encode(to encoder: Encoder) throws {
        try encoder.encodeFields(["filter": filter, "row": row, "column": column, "label": label, "channelSums": channelSums,
                                  "bias": bias, "value": value, "text": text])
    }
}

/// The number of trainable parameters of a convolutional layer: (C_in·k_r·k_c + 1)·K.
public struct ConvolutionParameterCount: Equatable, Sendable, Codable {
    public var inputChannels: Int
    public var kernelRows: Int
    public var kernelColumns: Int
    /// K, the number of filters (output channels).
    public var filters: Int

    /// Creates the count for K filters of C_in × k_r × k_c.
    public init(inputChannels: Int, kernelRows: Int, kernelColumns: Int, filters: Int) {
        self.inputChannels = inputChannels
        self.kernelRows = kernelRows
        self.kernelColumns = kernelColumns
        self.filters = filters
    }

    /// Weights per filter, C_in·k_r·k_c.
    public var weightsPerFilter: Int { inputChannels * kernelRows * kernelColumns }
    /// All weights, C_in·k_r·k_c·K.
    public var weights: Int { weightsPerFilter * filters }
    /// All biases, K.
    public var biases: Int { filters }
    /// Weights plus biases.
    public var total: Int { (weightsPerFilter + 1) * filters }

    /// The formula with symbols.
    public static let formula = "(C_in·k·k + 1)·K"

    /// `(3·3·3 + 1)·2 = 28·2 = 56`.
    public var filledIn: String {
        "(\(inputChannels)·\(kernelRows)·\(kernelColumns) + 1)·\(filters) = \(weightsPerFilter + 1)·\(filters) = \(total)"
    }

    /// The four counts given, plus the derived `weights`, `biases`, `total` and the filled-in formula as `text`.
    public func encode(to encoder: Encoder) throws {
        try encoder.encodeFields(["inputChannels": inputChannels, "kernelRows": kernelRows, "kernelColumns": kernelColumns,
                                  "filters": filters, "weights": weights, "biases": biases, "total": total, "text": filledIn])
    }
}
