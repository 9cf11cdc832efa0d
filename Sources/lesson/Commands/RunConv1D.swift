import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run conv1d`: the notes' 1-D example, or any signal and kernel.
struct RunConv1D: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv1d",
        abstract: "Slide a kernel along a signal: every output written out term by term.",
        discussion: """
            Without options, runs x = (4, 1, 1, 2, 3, 5, 8, 13) with w = (1, −2, 1) from the course \
            notes (seeds/004) and checks the numbers the lesson file states. Variants: padded, and \
            the notes' named kernels average, sharpen, derivative, second-derivative. Vectors are \
            numbers separated by spaces or commas, e.g. --kernel "-1 4 -1", or @file.
            """
    )

    @Option(help: ArgumentHelp("The signal, or @file.", valueName: "vector"))
    var input: String?

    @Option(help: ArgumentHelp("The kernel, or @file.", valueName: "vector"))
    var kernel: String?

    @Option(parsing: .unconditional, help: "The bias added to every output.", transform: FiniteNumber.parse)
    var bias: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Zeros added at each end.", valueName: "p"))
    var padding: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows.", valueName: "s"))
    var stride: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps.", valueName: "d"))
    var dilation: Int?

    @Flag(help: "Compute the true convolution (kernel reversed) instead of cross-correlation.")
    var flip = false

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(Conv1DLesson.id)
            let variant = try file.variant(options.variant)
            var example = try Conv1DLesson.Example(variant)
            var changed = false
            if let input { example.input = try Self.vector(input, option: "--input"); changed = true }
            if let kernel { example.kernel = try Self.vector(kernel, option: "--kernel"); changed = true }
            if let bias { example.bias = bias; changed = true }
            if let padding { example.padding = padding; changed = true }
            if let stride { example.stride = stride; changed = true }
            if let dilation { example.dilation = dilation; changed = true }
            if flip { example.mode = .convolution; changed = true }
            if changed {
                // The stated values describe the lesson's own numbers, not these.
                example.statedOutput = nil
                example.statedSums = []
            }
            let output = try Conv1DLesson.run(example, title: changed ? "1D convolution" : file.title,
                                              source: changed ? nil : file.source,
                                              variant: changed ? "custom" : variant.name,
                                              description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }

    /// One row of numbers: a literal or @file.
    static func vector(_ argument: String, option: String) throws -> [Double] {
        let matrix = try MatrixArgument.parse(argument, option: option)
        guard matrix.rows == 1 else {
            throw InputError("\(option) \(argument): expected one row of numbers, got \(matrix.rows) rows")
        }
        return matrix.scalars
    }
}
