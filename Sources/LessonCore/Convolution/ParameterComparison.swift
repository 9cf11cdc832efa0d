/// One convolution layer of a small Keras model: `Conv2D(filters, kernel, strides=stride)`,
/// padding "valid".
public struct ConvolutionLayerSpec: Equatable, Sendable, Codable {
    /// The number of filters K (output channels).
    public var filters: Int
    /// The kernel size k (square, as in the notes).
    public var kernel: Int
    /// The stride s.
    public var stride: Int

    /// Creates the layer description.
    public init(filters: Int, kernel: Int, stride: Int = 1) {
        self.filters = filters
        self.kernel = kernel
        self.stride = stride
    }
}

/// The parameter counts of a model built with `Conv2D` layers next to the same model built
/// with `SeparableConv2D`, as the two Keras summaries of the notes print them:
/// convolutions, then `GlobalAveragePooling2D`, then `Dense(classes)`.
///
/// Shapes are Keras's (height, width, channels); each convolution's output size is
/// o = ⌊(n − k)/s⌋ + 1 (padding "valid"), see `OutputSize`.
public struct ParameterComparison: Equatable, Sendable, Codable {
    /// One line of the two summaries.
    public struct Row: Equatable, Sendable, Codable {
        /// The layer: the arguments of a convolution as the model code writes them (`8, 7, strides=2`), else the layer itself (`Dense(10)`).
        public var layer: String
        /// The output shape (height, width, channels), or (units) for the last two.
        public var outputShape: [Int]
        /// The output-size arithmetic of a convolution, per axis (empty for the others).
        public var outputSizes: [OutputSize]
        /// The counts in the ordinary and in the separable model.
        public var standard: ParameterCount
        public var separable: ParameterCount
    }

    /// The model's input shape (height, width, channels).
    public var inputShape: [Int]
    /// The summary lines, in model order.
    public var rows: [Row]
    /// Total parameters of each model.
    public var standardTotal: Int
    public var separableTotal: Int

    /// Computes both summaries; throws an `InputError` when a layer does not fit its input.
    public static func compute(inputShape: [Int], layers: [ConvolutionLayerSpec], classes: Int) throws -> ParameterComparison {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 >= 1 }) else {
            throw InputError("the input shape must be height, width, channels, each at least 1; got \(Notation.shape(inputShape))")
        }
        guard classes >= 1 else { throw InputError("the dense layer needs at least 1 unit, got \(classes)") }
        var rows: [Row] = []
        var shape = inputShape
        for (n, layer) in layers.enumerated() {
            guard layer.filters >= 1 else { throw InputError("layer \(n + 1) needs at least 1 filter, got \(layer.filters)") }
            let sizes = [OutputSize(axis: "rows", input: shape[0], kernel: layer.kernel, stride: layer.stride),
                         OutputSize(axis: "columns", input: shape[1], kernel: layer.kernel, stride: layer.stride)]
            do {
                for size in sizes { try size.validate() }
            } catch let error as InputError {
                throw InputError("layer \(n + 1) (\(Self.name(layer))): \(error.message)")
            }
            let kernel = [layer.kernel, layer.kernel]
            rows.append(Row(layer: Self.name(layer), outputShape: [sizes[0].output, sizes[1].output, layer.filters],
                            outputSizes: sizes,
                            standard: .standard(channels: shape[2], kernel: kernel, filters: layer.filters),
                            separable: .separable(channels: shape[2], kernel: kernel, filters: layer.filters)))
            shape = [sizes[0].output, sizes[1].output, layer.filters]
        }
        let pooling = ParameterCount.none("GlobalAveragePooling2D")
        rows.append(Row(layer: "GlobalAveragePooling2D()", outputShape: [shape[2]], outputSizes: [],
                        standard: pooling, separable: pooling))
        let dense = ParameterCount.dense(inputs: shape[2], outputs: classes)
        rows.append(Row(layer: "Dense(\(classes))", outputShape: [classes], outputSizes: [], standard: dense, separable: dense))
        return ParameterComparison(inputShape: inputShape, rows: rows,
                                   standardTotal: rows.map(\.standard.total).reduce(0, +),
                                   separableTotal: rows.map(\.separable.total).reduce(0, +))
    }

    private static func name(_ layer: ConvolutionLayerSpec) -> String {
        "\(layer.filters), \(layer.kernel)" + (layer.stride == 1 ? "" : ", strides=\(layer.stride)")
    }
}
