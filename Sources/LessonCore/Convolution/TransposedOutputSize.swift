/// The output size of a transposed convolution along one axis, with its numbers kept.
///
///     o = (n − 1)·s − 2p + d(k − 1) + output_padding + 1
///
/// as PyTorch's `ConvTranspose2d` defines it: the inverse shape map of a convolution with
/// the same k, s, p, d. `output_padding` (< s or < d) picks one of the several input sizes
/// that a strided convolution maps to the same output size. Keras's `padding="same"` crops one
/// more row or column at the end than at the start when its total is odd (`extraCrop`, see
/// `ConvTranspose2D.kerasSame`): then −2p reads −(p + p + extraCrop).
public struct TransposedOutputSize: Equatable, Sendable, Codable {
    public var axis: String
    public var input: Int
    public var kernel: Int
    public var padding: Int
    public var stride: Int
    public var dilation: Int
    public var outputPadding: Int
    /// The rows or columns cropped at the end beyond `padding`; nil when there are none.
    public var extraCrop: Int?

    public init(axis: String, input: Int, kernel: Int, padding: Int = 0, stride: Int = 1, dilation: Int = 1,
                outputPadding: Int = 0, extraCrop: Int = 0) {
        self.axis = axis
        self.input = input
        self.kernel = kernel
        self.padding = padding
        self.stride = stride
        self.dilation = dilation
        self.outputPadding = outputPadding
        self.extraCrop = extraCrop == 0 ? nil : extraCrop
    }

    /// Everything cropped: 2p, or p + p + extraCrop.
    public var cropped: Int { 2 * padding + (extraCrop ?? 0) }

    /// The output size o.
    public var output: Int { (input - 1) * stride - cropped + dilation * (kernel - 1) + outputPadding + 1 }

    /// Throws an `InputError` that says which part is impossible (PyTorch's own limits).
    public func validate() throws {
        if input < 1 { throw InputError("the input has no \(axis) (size \(input)); it needs at least one") }
        if kernel < 1 { throw InputError("the kernel has no \(axis) (size \(kernel)); it needs at least one") }
        for (name, value, least) in [("stride", stride, 1), ("dilation", dilation, 1), ("padding", padding, 0)] where value < least {
            throw InputError(.outOfRange(setting: name, axis: axis, value: value, limit: .atLeast(least)))
        }
        let limit = OutputSize.largestSetting
        for (name, value) in [("stride", stride), ("padding", padding), ("dilation", dilation)] where value > limit {
            throw InputError(.outOfRange(setting: name, axis: axis, value: value, limit: .atMost(limit)))
        }
        if outputPadding < 0 || (outputPadding >= stride && outputPadding >= dilation) {
            throw InputError("output_padding must be smaller than the stride or the dilation along the \(axis) (stride \(stride), dilation \(dilation)), got \(outputPadding)")
        }
        if output < 1 {
            throw InputError("(n − 1)s − 2p + d(k − 1) + output_padding + 1 = \(Notation.number(Double(output))) along the \(axis): the padding \(padding) crops more than the transposed convolution produces")
        }
    }

    /// The formula with symbols.
    public static let formula = "o = (n − 1)s − 2p + d(k − 1) + output_padding + 1"

    /// The formula with this axis's numbers: `o = (3 − 1)×2 − 2×1 + 1×(3 − 1) + 0 + 1 = 5`.
    public var filledIn: String {
        let crop = extraCrop.map { "(\(padding) + \(padding + $0))" } ?? "2×\(padding)"
        return "o = (\(input) − 1)×\(stride) − \(crop) + \(dilation)×(\(kernel) − 1) + \(outputPadding) + 1 = \(Notation.number(Double(output)))"
    }
}
