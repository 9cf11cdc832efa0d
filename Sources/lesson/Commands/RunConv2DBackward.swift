import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run conv2d-backward`: gradients through a convolution.
struct RunConv2DBackward: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv2d-backward",
        abstract: "Backpropagate through a convolution: ∂L/∂b, every ∂L/∂w and every ∂L/∂x written out.",
        discussion: """
            Takes the options of 'lesson run conv2d' plus --grad, the upstream gradient ∂L/∂z \
            (the shape of the output; default: the lesson file's, or all ones for your own input).
            """
    )

    @Option(help: ArgumentHelp("The input matrix, or @file.", valueName: "matrix"))
    var input: String?

    @Option(help: ArgumentHelp("The kernel matrix, or @file.", valueName: "matrix"))
    var kernel: String?

    @Option(parsing: .unconditional, help: "The bias added to every output cell.")
    var bias: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Zero padding on each side: n, or rows,columns.", valueName: "p"))
    var padding: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows: n, or rows,columns.", valueName: "s"))
    var stride: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps: n, or rows,columns.", valueName: "d"))
    var dilation: String?

    @Flag(help: "Use the true convolution (kernel rotated by 180°) instead of cross-correlation.")
    var flip = false

    @Option(help: ArgumentHelp("The upstream gradient ∂L/∂z, the shape of the output, or @file.", valueName: "matrix"))
    var grad: String?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(Conv2DBackwardLesson.id)
            let variant = try file.variant(options.variant)
            var example = try Conv2DBackwardLesson.Example(variant)
            var changed = false
            if let input { example.forward.input = try MatrixArgument.parse(input, option: "--input"); changed = true }
            if let kernel { example.forward.kernel = try MatrixArgument.parse(kernel, option: "--kernel"); changed = true }
            if let bias { example.forward.bias = bias; changed = true }
            if let padding { example.forward.padding = try MatrixArgument.pair(padding, option: "--padding"); changed = true }
            if let stride { example.forward.stride = try MatrixArgument.pair(stride, option: "--stride"); changed = true }
            if let dilation { example.forward.dilation = try MatrixArgument.pair(dilation, option: "--dilation"); changed = true }
            if flip { example.forward.mode = .convolution; changed = true }
            if changed && grad == nil { example.upstream = nil }
            if let grad { example.upstream = try MatrixArgument.parse(grad, option: "--grad"); changed = true }
            if changed {
                example.statedGradBias = nil
                example.statedGradKernel = nil
                example.statedGradInput = nil
            }
            let output = try Conv2DBackwardLesson.run(example, title: changed ? "2D convolution backward" : file.title,
                                                      source: changed ? nil : file.source,
                                                      variant: changed ? "custom" : variant.name,
                                                      description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
