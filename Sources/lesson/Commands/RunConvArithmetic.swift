import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run conv-arithmetic`: the output size of any convolution, step by step.
struct RunConvArithmetic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv-arithmetic",
        abstract: "Work out a convolution's output size with every step of the formula.",
        discussion: """
            Without options, runs n = 7, k = 3, p = 1, s = 2, d = 2. Every size takes one number or \
            rows,columns, e.g. lesson run conv-arithmetic --n 7,5 --k 3,2 --s 2,1. Figures: one frame \
            per window position and an overview, after the convolution arithmetic guide.
            """
    )

    @Option(name: .customLong("n"), parsing: .unconditional, help: ArgumentHelp("Input size: n, or rows,columns.", valueName: "n"))
    var input: String?

    @Option(name: .customLong("k"), parsing: .unconditional, help: ArgumentHelp("Kernel size.", valueName: "k"))
    var kernel: String?

    @Option(name: .customLong("p"), parsing: .unconditional, help: ArgumentHelp("Zero padding on each side.", valueName: "p"))
    var padding: String?

    @Option(name: .customLong("s"), parsing: .unconditional, help: ArgumentHelp("Stride.", valueName: "s"))
    var stride: String?

    @Option(name: .customLong("d"), parsing: .unconditional, help: ArgumentHelp("Dilation.", valueName: "d"))
    var dilation: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("output_padding of the transposed convolution.", valueName: "o"))
    var outputPadding: String?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(ConvArithmeticLesson.id)
            let variant = try file.variant(options.variant)
            var example = try ConvArithmeticLesson.Example(variant)
            var changed = false
            if let input { example.input = try MatrixArgument.pair(input, option: "--n"); changed = true }
            if let kernel { example.kernel = try MatrixArgument.pair(kernel, option: "--k"); changed = true }
            if let padding { example.padding = try MatrixArgument.pair(padding, option: "--p"); changed = true }
            if let stride { example.stride = try MatrixArgument.pair(stride, option: "--s"); changed = true }
            if let dilation { example.dilation = try MatrixArgument.pair(dilation, option: "--d"); changed = true }
            if let outputPadding {
                example.outputPadding = try MatrixArgument.pair(outputPadding, option: "--output-padding"); changed = true
            }
            if changed { example.statedShape = nil }
            let output = try ConvArithmeticLesson.run(example, title: changed ? "Convolution arithmetic" : file.title,
                                                      source: changed ? nil : file.source,
                                                      variant: changed ? "custom" : variant.name,
                                                      description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
