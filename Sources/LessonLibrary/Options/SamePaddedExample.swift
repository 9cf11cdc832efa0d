import LessonCore

/// The example of one 2-D convolution whose padding `--padding same` sets as Keras does (conv2d,
/// its backward pass, conv-matrix): the fields the rule reads and the ones it sets.
protocol SamePaddedExample {
    var input: Tensor { get set }
    var kernel: Tensor { get set }
    var padding: Pair2 { get set }
    var stride: Pair2 { get set }
    var dilation: Pair2 { get set }
    /// The zeros at the bottom and right beyond `padding` (Keras's "same" for an even kernel).
    var extraPadding: Pair2 { get set }
    /// How `--padding same` chose the padding, rows then columns; nil for a padding given as numbers.
    var samePadding: [SamePadding]? { get set }
}

extension SamePaddedExample {
    /// Pads as Keras and TensorFlow do for `padding="same"` (see `SamePadding`): the extra zero of
    /// an odd total goes to the bottom or right. Needs a matrix input and kernel.
    mutating func padSame() {
        guard input.rank == 2, kernel.rank == 2 else { return }
        let rule = SamePadding.rowsAndColumns(input: input.shape, kernel: kernel.shape, stride: stride, dilation: dilation)
        (padding, extraPadding) = SamePadding.pads(rule)
        samePadding = rule
    }
}

extension ConvolutionOptions {
    /// Reads what was given into `example`; `--padding same` pads as Keras does, once the final
    /// input, kernel, stride and dilation are known.
    func apply(to example: inout some SamePaddedExample, changes: inout OptionChanges) throws {
        // Protocol properties may not be passed inout side by side: work on copies, then set them.
        var (input, kernel, padding, stride, dilation) = (example.input, example.kernel, example.padding, example.stride, example.dilation)
        try apply(input: &input, kernel: &kernel, padding: &padding, stride: &stride, dilation: &dilation, to: &changes, leavingSame: true)
        (example.input, example.kernel, example.padding, example.stride, example.dilation) = (input, kernel, padding, stride, dilation)
        if asksSame { example.padSame() }
    }
}
