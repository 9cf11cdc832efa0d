/// TensorFlow's and Keras's `padding="same"` along one axis: the output has ⌈n/s⌉ cells, and
/// the zeros that takes,
///
///     total = max((⌈n/s⌉ − 1)·s + d(k − 1) + 1 − n, 0),
///
/// go ⌊total/2⌋ before the input (top, left) and the rest after it (bottom, right). At stride 1
/// the total is d(k − 1): an odd kernel pads both sides alike, an even one puts the extra zero at
/// the end. (PyTorch's `padding="same"` splits the same way, and only allows stride 1.)
public struct SamePadding: Equatable, Sendable, Codable {
    /// "rows", "columns" or "length".
    public var axis: String
    /// The input size n, kernel size k, stride s and dilation d.
    public var input: Int
    public var kernel: Int
    public var stride: Int
    public var dilation: Int

    /// The padding for this axis.
    public init(axis: String, input: Int, kernel: Int, stride: Int = 1, dilation: Int = 1) {
        (self.axis, self.input, self.kernel, self.stride, self.dilation) = (axis, input, kernel, stride, dilation)
    }

    /// The output size ⌈n/s⌉ (0 for a stride under 1).
    public var output: Int { stride < 1 ? 0 : input / stride + (input % stride == 0 ? 0 : 1) }
    /// All the zeros along this axis; 0 for settings a convolution refuses (a size, stride or
    /// dilation out of `OutputSize`'s ranges), so that its own check names the setting instead of
    /// the arithmetic overflowing here.
    public var total: Int {
        guard (1...OutputSize.largestSize).contains(input), (1...OutputSize.largestSize).contains(kernel),
              (1...OutputSize.largestSize).contains(stride), (1...OutputSize.largestSetting).contains(dilation) else { return 0 }
        return max((output - 1) * stride + dilation * (kernel - 1) + 1 - input, 0)
    }
    /// The zeros before the input (top or left): ⌊total/2⌋.
    public var before: Int { total / 2 }
    /// The zeros after the input (bottom or right): total − ⌊total/2⌋, one more than `before` when the total is odd.
    public var after: Int { total - before }

    /// The rule with symbols.
    public static let formula = "total = max((⌈n/s⌉ − 1)·s + d(k − 1) + 1 − n, 0), ⌊total/2⌋ before the input and the rest after"

    /// The rule for rows then columns of a matrix input and kernel (their last two sizes).
    public static func rowsAndColumns(input: [Int], kernel: [Int], stride: Pair2, dilation: Pair2) -> [SamePadding] {
        let (n, k) = (Array(input.suffix(2)), Array(kernel.suffix(2)))
        return [SamePadding(axis: "rows", input: n[0], kernel: k[0], stride: stride.rows, dilation: dilation.rows),
                SamePadding(axis: "columns", input: n[1], kernel: k[1], stride: stride.columns, dilation: dilation.columns)]
    }

    /// The zeros on top and on the left, and the extra ones at the bottom and right, of `rowsAndColumns`.
    public static func pads(_ axes: [SamePadding]) -> (padding: Pair2, extra: Pair2) {
        (Pair2(rows: axes[0].before, columns: axes[1].before),
         Pair2(rows: axes[0].after - axes[0].before, columns: axes[1].after - axes[1].before))
    }

    /// The text's lines for the axes of one "same" padding: the rule, then each axis filled in.
    public static func lines(_ axes: [SamePadding]) -> [String] {
        ["Padding \"same\" as Keras and TensorFlow: output ⌈n/s⌉, \(formula)"] + axes.map { "  " + $0.filledIn }
    }

    /// This axis's numbers filled in: `rows: total = max((⌈5/1⌉ − 1)×1 + 1×(2 − 1) + 1 − 5, 0) = 1: 0 on top, 1 at the bottom`.
    public var filledIn: String {
        let (start, end) = axis == "rows" ? ("on top", "at the bottom") : axis == "length" ? ("at the left end", "at the right end") : ("on the left", "on the right")
        return "\(axis): total = max((⌈\(input)/\(stride)⌉ − 1)×\(stride) + \(dilation)×(\(kernel) − 1) + 1 − \(input), 0) = \(total): \(before) \(start), \(after) \(end)"
    }
}
