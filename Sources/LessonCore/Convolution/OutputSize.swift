/// The output size of a convolution or pooling along one axis, with every number of
/// the formula kept so it can be written out.
///
///     o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1
///
/// with input size n, kernel size k, padding p on each side, stride s and dilation d,
/// as PyTorch's `Conv2d` and Keras's `Conv2D` (padding "valid" is p = 0) define it.
/// The effective (dilated) kernel size is d(k − 1) + 1 = k + (k − 1)(d − 1).
public struct OutputSize: Equatable, Sendable, Codable {
    /// Which axis this is ("rows", "columns", or "length").
    public var axis: String
    /// The input size n.
    public var input: Int
    /// The kernel size k.
    public var kernel: Int
    /// The padding p on each side.
    public var padding: Int
    /// The stride s.
    public var stride: Int
    /// The dilation d.
    public var dilation: Int
    /// The zeros at the far end beyond p (TensorFlow's "same" with an odd total); nil when both ends get p.
    public var extraPadding: Int?

    /// Creates the arithmetic for one axis; `validate()` says whether it is possible.
    public init(axis: String, input: Int, kernel: Int, padding: Int = 0, stride: Int = 1, dilation: Int = 1, extraPadding: Int = 0) {
        (self.axis, self.input, self.kernel, self.padding) = (axis, input, kernel, padding)
        (self.stride, self.dilation, self.extraPadding) = (stride, dilation, extraPadding == 0 ? nil : extraPadding)
    }

    /// The effective kernel size d(k − 1) + 1.
    public var effectiveKernel: Int { dilation * (kernel - 1) + 1 }
    /// The padded input size n + 2p (plus the extra zeros at the end, if any).
    public var paddedInput: Int { input + 2 * padding + (extraPadding ?? 0) }
    /// The numerator n + 2p − d(k − 1) − 1.
    public var numerator: Int { paddedInput - effectiveKernel }
    /// The output size o (0 when the kernel does not fit).
    public var output: Int { numerator < 0 || stride < 1 ? 0 : numerator / stride + 1 }
    /// How many rows or columns at the far end no window reads, because the stride does not divide evenly.
    public var unread: Int { numerator < 0 || stride < 1 ? 0 : numerator % stride }

    /// Throws an `InputError` that says which part of the formula is impossible.
    public func validate() throws {
        if input < 1 { throw InputError("the input has no \(axis) (size \(input)); it needs at least one") }
        if kernel < 1 { throw InputError("the kernel has no \(axis) (size \(kernel)); it needs at least one") }
        func outOfRange(_ setting: String, _ value: Int, _ limit: InputError.Limit) -> InputError {
            InputError(.outOfRange(setting: setting, axis: axis, value: value, limit: limit))
        }
        if stride < 1 { throw outOfRange("stride", stride, .atLeast(1)) }
        if dilation < 1 { throw outOfRange("dilation", dilation, .atLeast(1)) }
        if padding < 0 { throw outOfRange("padding", padding, .atLeast(0)) }
        for (name, value) in [("the input size", input), ("the kernel size", kernel), ("stride", stride)] where value > Self.largestSize {
            throw outOfRange(name, value, .atMost(Self.largestSize))
        }
        if padding > Self.largestSetting {
            throw outOfRange("padding", padding, .atMost(Self.largestSetting, reason: "more only adds zeros around the input"))
        }
        if dilation > Self.largestSetting { throw outOfRange("dilation", dilation, .atMost(Self.largestSetting)) }
        if numerator < 0 {
            let kernelText = dilation == 1 ? "\(kernel)" : "\(effectiveKernel) (k = \(kernel) dilated by \(dilation))"
            // "3 rows", "3 columns", but "length 3" along a signal and "size 3" along an axis of no name.
            let amount = { (text: String) in
                axis == "length" ? "length \(text)" : axis == "axis" ? "size \(text)" : "\(text) \(axis)"
            }
            throw InputError("the kernel (\(amount(kernelText))) is larger than the padded input (\(amount("\(paddedText) = \(paddedInput)"))), so n + 2p − d(k − 1) − 1 = \(Notation.number(Double(numerator))) is below 0 and there is no output")
        }
    }

    /// The largest padding or dilation a lesson accepts: enough for any example, and it keeps
    /// n + 2p and d(k − 1) far from overflow and the traced output small enough to print.
    public static let largestSetting = 100
    /// The largest input size, kernel size or stride accepted, far from overflowing any product of two.
    public static let largestSize = 100_000

    /// The formula with symbols: `o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1`.
    public static let formula = "o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1"

    /// The formula with this axis's numbers filled in, step by step:
    /// `o = ⌊(5 + 2×0 − 1×(3 − 1) − 1)/1⌋ + 1 = ⌊2/1⌋ + 1 = 3`.
    public var filledIn: String {
        let n = Notation.number(Double(numerator))
        return "o = ⌊(\(paddedText) − \(dilation)×(\(kernel) − 1) − 1)/\(stride)⌋ + 1 = ⌊\(n)/\(stride)⌋ + 1 = \(output)"
    }

    /// `5 + 2×1`, or with uneven padding the zeros before and after: `4 + 0 + 1`.
    private var paddedText: String {
        extraPadding.map { "\(input) + \(padding) + \(padding + $0)" } ?? "\(input) + 2×\(padding)"
    }
}
