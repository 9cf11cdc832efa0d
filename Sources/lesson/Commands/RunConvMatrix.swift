import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run conv-matrix`: the convolution as one matrix product.
struct RunConvMatrix: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv-matrix",
        abstract: "Write a convolution as a matrix product z = M·x, row by row.",
        discussion: """
            Without options, runs the notes' 4×4 example (seeds/002): the 4×16 matrix M built \
            from the 3×3 kernel, the flattened input, the product and its reshape to 2×2. \
            '--variant symbolic' is the notes' 3×3 ⊛ 2×2 case with entries k1…k4, x1…x9. \
            Matrices are written row by row, rows separated by ';', or @file.
            """
    )

    @Option(help: ArgumentHelp("The input matrix, or @file.", valueName: "matrix"))
    var input: String?

    @Option(help: ArgumentHelp("The kernel matrix, or @file.", valueName: "matrix"))
    var kernel: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Zero padding on each side: n, or rows,columns.", valueName: "p"))
    var padding: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows: n, or rows,columns.", valueName: "s"))
    var stride: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps: n, or rows,columns.", valueName: "d"))
    var dilation: String?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(ConvMatrixLesson.id)
            let variant = try file.variant(options.variant)
            var example = try ConvMatrixLesson.Example(variant)
            var changed = false
            if let input { example.input = try MatrixArgument.parse(input, option: "--input"); changed = true }
            if let kernel { example.kernel = try MatrixArgument.parse(kernel, option: "--kernel"); changed = true }
            if let padding { example.padding = try MatrixArgument.pair(padding, option: "--padding"); changed = true }
            if let stride { example.stride = try MatrixArgument.pair(stride, option: "--stride"); changed = true }
            if let dilation { example.dilation = try MatrixArgument.pair(dilation, option: "--dilation"); changed = true }
            if changed {
                // The stated values describe the lesson's own numbers, not these.
                example.statedOutput = nil
                example.statedRows = []
            }
            let output = try ConvMatrixLesson.run(example, title: changed ? "Convolution as a matrix product" : file.title,
                                                  source: changed ? nil : file.source,
                                                  variant: changed ? "custom" : variant.name,
                                                  description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
