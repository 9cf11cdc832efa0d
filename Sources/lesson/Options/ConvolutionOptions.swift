import ArgumentParser
import LessonCore
import LessonLibrary

/// The options that describe one 2-D convolution, shared by `conv2d` and `conv2d-backward`.
struct ConvolutionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The input matrix, or @file.", valueName: "matrix"))
    var input: String?

    @Option(help: ArgumentHelp("The kernel matrix, or @file.", valueName: "matrix"))
    var kernel: String?

    @Option(parsing: .unconditional, help: "The bias added to every output cell.", transform: FiniteNumber.parse)
    var bias: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Zero padding on each side: n, or rows,columns.", valueName: "p"))
    var padding: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows: n, or rows,columns.", valueName: "s"))
    var stride: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps: n, or rows,columns.", valueName: "d"))
    var dilation: String?

    @Flag(help: "Compute the true convolution (kernel rotated by 180°) instead of cross-correlation.")
    var flip = false

    /// Applies the given options to `example`; returns whether any was given. The stated
    /// values of a lesson file describe its own numbers, so they are dropped when anything changed.
    func apply(to example: inout Conv2DLesson.Example) throws -> Bool {
        var changed = false
        if let input { example.input = try MatrixArgument.parse(input, option: "--input"); changed = true }
        if let kernel { example.kernel = try MatrixArgument.parse(kernel, option: "--kernel"); changed = true }
        if let bias { example.bias = bias; changed = true }
        if let padding { example.padding = try MatrixArgument.pair(padding, option: "--padding"); changed = true }
        if let stride { example.stride = try MatrixArgument.pair(stride, option: "--stride"); changed = true }
        if let dilation { example.dilation = try MatrixArgument.pair(dilation, option: "--dilation"); changed = true }
        if flip { example.mode = .convolution; changed = true }
        if changed {
            example.statedOutput = nil
            example.statedKernel = nil
            example.statedCells = []
        }
        return changed
    }
}
