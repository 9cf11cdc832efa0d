import ArgumentParser
import LessonCore

/// The padding, stride and dilation of a 2-D convolution, as `torch.nn.Conv2d` names them.
public struct WindowOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Zero padding on each side: n, rows,columns, or same, valid, full.", valueName: "p")) var padding: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows: n, or rows,columns.", valueName: "s")) var stride: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps: n, or rows,columns.", valueName: "d")) var dilation: String?

    public init() {}

    /// Whether `--padding same` was given.
    public var asksSame: Bool { padding.flatMap(PaddingArgument.mode) == .same }

    /// Sets what was given; a named padding is worked out for `kernelShape` and the final dilation.
    /// With `leavingSame`, `--padding same` is left for the caller, which pads as Keras does (see
    /// `SamePadding`, uneven for an even kernel); otherwise "same" must split evenly.
    public func apply(kernelShape: [Int], padding: inout Pair2, stride: inout Pair2, dilation: inout Pair2,
                      to changes: inout OptionChanges, leavingSame: Bool = false) throws {
        try changes.set(&stride, from: self.stride) { try MatrixArgument.pair($0, option: "--stride") }
        try changes.set(&dilation, from: self.dilation) { try MatrixArgument.pair($0, option: "--dilation") }
        if leavingSame && asksSame { return changes.note(true) }
        let final = dilation
        try changes.set(&padding, from: self.padding) {
            try PaddingArgument($0).resolved(kernelShape: Array(kernelShape.suffix(2)), dilation: final)
        }
    }
}
