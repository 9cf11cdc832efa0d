/// One layer of a Keras-style model as the model string writes it, with Keras's defaults
/// filled in (stride of a pooling layer defaults to its size, padding to `valid`, bias on).
public struct ModelLayer: Equatable, Hashable, Sendable, Codable {
    /// Which layer.
    public var kind: LayerKind
    /// Shape given to `input(…)`: `[h, w, c]`, `[n]` or `[steps, features]`.
    public var inputShape: [Int] = []
    /// Filters of a convolution, units of dense and recurrent layers.
    public var units: Int = 0
    /// Kernel (or pool) size: one number for every spatial axis, or one per axis (`(3,5)` is
    /// 3 along the height, 5 along the width), as Keras's `kernel_size` takes an int or a tuple.
    public var kernel: [Int] = [1]
    /// Stride: one for every spatial axis, or one per axis.
    public var stride: [Int] = [1]
    /// `valid` (no padding), `same` (zero padding so that the output is ⌈n/s⌉) or `causal`.
    public var padding: KerasPadding = .valid
    /// Dilation: one for every spatial axis, or one per axis.
    public var dilation: [Int] = [1]
    /// Whether the layer has biases.
    public var useBias: Bool = true
    /// Output channels per input channel of a depthwise (or separable) convolution.
    public var depthMultiplier: Int = 1
    /// The rate of a dropout layer.
    public var rate: Double = 0
    /// Whether a recurrent layer returns every step (`[steps, units]`) or the last (`[units]`).
    public var returnSequences: Bool = false
    /// The word as written in the model string, for tables and errors.
    public var word: String

    /// Creates a layer of `kind` written as `word`; set the other fields as needed.
    public init(kind: LayerKind, word: String) {
        self.kind = kind
        self.word = word
    }

    /// The kernel size along spatial axis `axis` (0 is the height, or the steps of a sequence).
    public func kernel(along axis: Int) -> Int { Self.value(kernel, along: axis) }
    /// The stride along spatial axis `axis`.
    public func stride(along axis: Int) -> Int { Self.value(stride, along: axis) }
    /// The dilation along spatial axis `axis`.
    public func dilation(along axis: Int) -> Int { Self.value(dilation, along: axis) }

    /// The kernel sizes of `axes` spatial axes, one each (`[3, 3]` for a 2-D layer written `3`).
    public func kernelSizes(axes: Int) -> [Int] { (0..<axes).map(kernel(along:)) }

    private static func value(_ values: [Int], along axis: Int) -> Int {
        precondition(!values.isEmpty, "a layer's window setting needs at least one value")
        return values.count == 1 ? values[0] : values[axis]
    }
}

/// Keras's padding modes.
public enum KerasPadding: String, Equatable, Hashable, Sendable, Codable {
    /// No padding: o = ⌊(n − d(k − 1) − 1)/s⌋ + 1.
    case valid
    /// Zeros added so that o = ⌈n/s⌉.
    case same
    /// Conv1D only: d(k − 1) zeros before the sequence, none after, so that output t sees
    /// inputs up to t and no later: o = ⌊(n − 1)/s⌋ + 1 = ⌈n/s⌉.
    case causal
}

/// The layers a model string may use; the raw value is the word.
public enum LayerKind: String, CaseIterable, Equatable, Hashable, Sendable, Codable {
    case input, dense, conv1d, conv2d
    case separableConv2d = "separable_conv2d"
    case depthwiseConv2d = "depthwise_conv2d"
    case maxPool = "max_pool"
    case avgPool = "avg_pool"
    case maxPool1d = "max_pool1d"
    case avgPool1d = "avg_pool1d"
    case globalAvgPool = "global_avg_pool"
    case globalMaxPool = "global_max_pool"
    case flatten, dropout
    case batchNorm = "batch_norm"
    case simpleRNN = "simple_rnn"
    case lstm

    /// The spatial axes a window of this layer slides along: 2 for images, 1 for sequences,
    /// 0 for layers without a window.
    public var spatialAxes: Int {
        switch self {
        case .conv2d, .separableConv2d, .depthwiseConv2d, .maxPool, .avgPool: return 2
        case .conv1d, .maxPool1d, .avgPool1d: return 1
        default: return 0
        }
    }

    /// The Keras class name, as `model.summary()` prints it.
    public var kerasName: String {
        switch self {
        case .input: return "InputLayer"
        case .dense: return "Dense"
        case .conv1d: return "Conv1D"
        case .conv2d: return "Conv2D"
        case .separableConv2d: return "SeparableConv2D"
        case .depthwiseConv2d: return "DepthwiseConv2D"
        case .maxPool: return "MaxPooling2D"
        case .avgPool: return "AveragePooling2D"
        case .maxPool1d: return "MaxPooling1D"
        case .avgPool1d: return "AveragePooling1D"
        case .globalAvgPool: return "GlobalAveragePooling"
        case .globalMaxPool: return "GlobalMaxPooling"
        case .flatten: return "Flatten"
        case .dropout: return "Dropout"
        case .batchNorm: return "BatchNormalization"
        case .simpleRNN: return "SimpleRNN"
        case .lstm: return "LSTM"
        }
    }

    /// How the word is written with its arguments, for errors and help.
    public var usage: String {
        switch self {
        case .input: return "input(h,w,c), input(n) or input(steps,features)"
        case .dense: return "dense(units, use_bias=true)"
        case .conv1d: return "conv1d(filters, k, stride=1, padding=valid|same|causal, dilation=1, use_bias=true)"
        case .conv2d: return "conv2d(filters, k or (k_h,k_w), stride=1, padding=valid|same, dilation=1, use_bias=true)"
        case .separableConv2d:
            return "separable_conv2d(filters, k or (k_h,k_w), stride=1, padding=valid|same, dilation=1, depth_multiplier=1, use_bias=true)"
        case .depthwiseConv2d: return "depthwise_conv2d(k or (k_h,k_w), stride=1, padding=valid|same, dilation=1, depth_multiplier=1, use_bias=true)"
        case .maxPool, .avgPool, .maxPool1d, .avgPool1d: return "\(rawValue)(size, stride=size, padding=valid|same)"
        case .globalAvgPool, .globalMaxPool, .flatten, .batchNorm: return rawValue
        case .dropout: return "dropout(rate)"
        case .simpleRNN, .lstm: return "\(rawValue)(units, return_sequences=false, use_bias=true)"
        }
    }
}
