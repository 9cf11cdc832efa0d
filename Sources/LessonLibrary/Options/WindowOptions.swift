import ArgumentParser
import LessonCore

/// The padding, stride and dilation of a 2-D convolution, as `torch.nn.Conv2d` names them.
public struct WindowOptions: ParsableArguments {
    @Option(parsing: .unconditional,
            help: ArgumentHelp("Zero padding on each side: n, rows,columns, or same, valid, full.", valueName: "p"))
    var padding: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows: n, or rows,columns.", valueName: "s"))
    var stride: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps: n, or rows,columns.", valueName: "d"))
    var dilation: String?

    public init() {}

    /// Whether any of the three was given.
    public var isGiven: Bool { padding != nil || stride != nil || dilation != nil }

    /// Sets what was given; a named padding is worked out for `kernelShape` and the final dilation.
    public func apply(kernelShape: [Int], padding: inout Pair2, stride: inout Pair2, dilation: inout Pair2) throws {
        if let text = self.stride { stride = try MatrixArgument.pair(text, option: "--stride") }
        if let text = self.dilation { dilation = try MatrixArgument.pair(text, option: "--dilation") }
        if let text = self.padding {
            padding = try PaddingArgument(text).resolved(kernelShape: Array(kernelShape.suffix(2)), dilation: dilation)
        }
    }
}
