import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run conv2d`: the 5×5 example, or any input and kernel.
struct RunConv2D: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv2d",
        abstract: "Slide a kernel over an input: every output cell written out term by term.",
        discussion: """
            Without options, runs the 5×5 example of the course notes (seeds/004) and checks the \
            numbers the lesson file states. Matrices are written row by row, rows separated by ';', \
            e.g. --input "1 0 3; 0 3 4; 1 0 2", or @file for a text or CSV file. Sizes take one \
            number or rows,columns (--stride 2,1).
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

    @Flag(help: "Compute the true convolution (kernel rotated by 180°) instead of cross-correlation.")
    var flip = false

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(Conv2DLesson.id)
            let variant = try file.variant(options.variant)
            var example = try Conv2DLesson.Example(variant)
            var changed = false
            if let input { example.input = try MatrixArgument.parse(input, option: "--input"); changed = true }
            if let kernel { example.kernel = try MatrixArgument.parse(kernel, option: "--kernel"); changed = true }
            if let bias { example.bias = bias; changed = true }
            if let padding { example.padding = try MatrixArgument.pair(padding, option: "--padding"); changed = true }
            if let stride { example.stride = try MatrixArgument.pair(stride, option: "--stride"); changed = true }
            if let dilation { example.dilation = try MatrixArgument.pair(dilation, option: "--dilation"); changed = true }
            if flip { example.mode = .convolution; changed = true }
            if changed {
                // The stated values describe the lesson's own numbers, not these.
                example.statedOutput = nil
                example.statedKernel = nil
                example.statedCells = []
            }
            let output = try Conv2DLesson.run(example, title: changed ? "2D convolution" : file.title,
                                              source: changed ? nil : file.source,
                                              variant: changed ? "custom" : variant.name,
                                              description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
