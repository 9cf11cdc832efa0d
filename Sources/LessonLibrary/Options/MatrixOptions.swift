import ArgumentParser
import LessonCore

/// `--input` and `--kernel`, two matrices given as literals or @file.
public struct MatrixOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("The input matrix, or @file.", valueName: "matrix")) var input: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The kernel matrix, or @file.", valueName: "matrix")) var kernel: String?

    public init() {}

    /// Reads what was given into `input` and `kernel`.
    public func apply(input: inout Tensor, kernel: inout Tensor, to changes: inout OptionChanges) throws {
        try changes.set(&input, from: self.input) { try MatrixArgument.parse($0, option: "--input") }
        try changes.set(&kernel, from: self.kernel) { try MatrixArgument.parse($0, option: "--kernel") }
    }
}

/// An input, a kernel and the window they meet in: what describes one 2-D convolution.
public struct ConvolutionOptions: ParsableArguments {
    @OptionGroup var matrices: MatrixOptions
    @OptionGroup var window: WindowOptions

    public init() {}

    /// Whether `--padding same` was given.
    public var asksSame: Bool { window.asksSame }

    /// Reads what was given; a named padding is worked out for the final kernel and dilation
    /// (`--padding same` left to the caller with `leavingSame`, as `WindowOptions` says).
    public func apply(input: inout Tensor, kernel: inout Tensor, padding: inout Pair2, stride: inout Pair2, dilation: inout Pair2,
                      to changes: inout OptionChanges, leavingSame: Bool = false) throws {
        try matrices.apply(input: &input, kernel: &kernel, to: &changes)
        try window.apply(kernelShape: kernel.shape, padding: &padding, stride: &stride, dilation: &dilation, to: &changes,
                         leavingSame: leavingSame)
    }
}
