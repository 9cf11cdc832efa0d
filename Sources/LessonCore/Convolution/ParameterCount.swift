/// The number of trainable parameters of one layer, with its formula written out.
///
/// Counts follow Keras's `model.summary()` (biases on, depth multiplier 1):
/// - `Conv2D`: (C_in·k_r·k_c + 1)·K, one k_r × k_c kernel per input channel and one bias per filter;
/// - `SeparableConv2D`: k_r·k_c·C_in (depthwise, no bias) + C_in·K (pointwise) + K (biases);
/// - `Dense`: (n_in + 1)·n_out;
/// - pooling layers: 0.
public struct ParameterCount: Equatable, Sendable, Codable {
    /// The layer kind: `Conv2D`, `SeparableConv2D`, `Dense`, `GlobalAveragePooling2D`.
    public var layer: String
    /// The formula with symbols.
    public var formula: String
    /// The formula with the numbers filled in, ending in `= total`.
    public var filledIn: String
    /// The count.
    public var total: Int

    /// An ordinary convolution of `channels` inputs to `filters` outputs.
    public static func standard(channels: Int, kernel: [Int], filters: Int) -> ParameterCount {
        let total = (channels * kernel[0] * kernel[1] + 1) * filters
        return ParameterCount(layer: "Conv2D", formula: "(C_in·k·k + 1)·K",
                              filledIn: "(\(channels)·\(kernel[0])·\(kernel[1]) + 1)·\(filters) = \(channels * kernel[0] * kernel[1] + 1)·\(filters) = \(total)",
                              total: total)
    }

    /// A depthwise separable convolution (depth multiplier 1).
    public static func separable(channels: Int, kernel: [Int], filters: Int) -> ParameterCount {
        let depthwise = kernel[0] * kernel[1] * channels, pointwise = channels * filters
        let total = depthwise + pointwise + filters
        return ParameterCount(layer: "SeparableConv2D", formula: "k·k·C_in + C_in·K + K",
                              filledIn: "\(kernel[0])·\(kernel[1])·\(channels) + \(channels)·\(filters) + \(filters) = \(depthwise) + \(pointwise) + \(filters) = \(total)",
                              total: total)
    }

    /// A fully connected layer.
    public static func dense(inputs: Int, outputs: Int) -> ParameterCount {
        let total = (inputs + 1) * outputs
        return ParameterCount(layer: "Dense", formula: "(n_in + 1)·n_out",
                              filledIn: "(\(inputs) + 1)·\(outputs) = \(total)", total: total)
    }

    /// A layer without weights (pooling).
    public static func none(_ layer: String) -> ParameterCount {
        ParameterCount(layer: layer, formula: "no weights", filledIn: "0", total: 0)
    }
}
