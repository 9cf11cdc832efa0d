/// The receptive field of a stack of convolution or pooling layers: how many input cells
/// along one axis one output cell of the last layer sees.
///
/// With r₀ = 1 and jump j₀ = 1 (the input's cells), each layer l with kernel k, stride s and
/// dilation d gives
///
///     r_l = r_{l−1} + d·(k − 1)·j_{l−1},     j_l = j_{l−1}·s
///
/// (j is the distance, in input cells, between neighbouring cells of layer l). Padding moves
/// the field but does not change its size.
public struct ReceptiveField: Equatable, Sendable {
    /// One layer along one axis.
    public struct Layer: Equatable, Sendable {
        public var kernel: Int
        public var stride: Int
        public var dilation: Int
        public init(kernel: Int, stride: Int = 1, dilation: Int = 1) {
            self.kernel = kernel
            self.stride = stride
            self.dilation = dilation
        }
    }

    /// The field and jump after each layer, with the filled-in formula.
    public struct Step: Equatable, Sendable {
        public var layer: Int
        public var size: Int
        public var jump: Int
        public var text: String
    }

    public var layers: [Layer]
    public var steps: [Step]
    /// The receptive field of the last layer (1 with no layers).
    public var size: Int { steps.last?.size ?? 1 }

    /// Computes the field; kernel, stride and dilation must be at least 1.
    public init(layers: [Layer]) throws {
        self.layers = layers
        var r = 1, j = 1
        var steps: [Step] = []
        for (i, layer) in layers.enumerated() {
            guard layer.kernel >= 1, layer.stride >= 1, layer.dilation >= 1,
                  layer.kernel <= OutputSize.largestSetting, layer.stride <= OutputSize.largestSetting,
                  layer.dilation <= OutputSize.largestSetting else {
                throw InputError("layer \(i + 1): kernel, stride and dilation must each be 1 to \(OutputSize.largestSetting)")
            }
            let next = r + layer.dilation * (layer.kernel - 1) * j
            let dilation = layer.dilation == 1 ? "" : "\(layer.dilation)·"
            steps.append(Step(layer: i + 1, size: next, jump: j * layer.stride,
                              text: "layer \(i + 1): r = \(r) + \(dilation)(\(layer.kernel) − 1)·\(j) = \(next), jump \(j)·\(layer.stride) = \(j * layer.stride)"))
            r = next
            j *= layer.stride
        }
        self.steps = steps
    }
}
