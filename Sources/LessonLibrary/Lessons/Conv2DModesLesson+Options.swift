import ArgumentParser
import LessonCore

extension Conv2DModesLesson {
    public static let abstract = "Full, valid and same padding on one input, and the true convolution next to cross-correlation."
    public static let discussion = """
        Without options, runs the 4×5 example of the course notes (seeds/003) with full, valid and \
        same padding and checks the stated outputs. Variants: stride-2, slide (the slide's own \
        table, with its −14), convolution (kernel flipped, next to cross-correlation). \
        --paddings takes a comma-separated list of full, valid, same; same pads as Keras and \
        TensorFlow, with the extra zero of an even kernel at the bottom and right.
        """
    public static let customTitle: String? = "Full, valid and same"

    /// The input, the kernel, which paddings and which operations.
    public struct Options: LessonOptions {
        @OptionGroup var matrices: MatrixOptions
        @Option(parsing: .unconditional, help: "The bias added to every output cell.", transform: FiniteNumber.parse) var bias: Double?
        @Option(parsing: .unconditional, help: ArgumentHelp("Which paddings to run: full,valid,same.", valueName: "list")) var paddings: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows: n, or rows,columns.", valueName: "s")) var stride: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps: n, or rows,columns.", valueName: "d")) var dilation: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("cross-correlation, convolution (kernel flipped) or both.", valueName: "mode")) var mode: String?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changes = OptionChanges()
            try matrices.apply(input: &example.input, kernel: &example.kernel, to: &changes)
            changes.set(&example.bias, to: bias)
            try changes.set(&example.stride, from: stride) { try MatrixArgument.pair($0, option: "--stride") }
            try changes.set(&example.dilation, from: dilation) { try MatrixArgument.pair($0, option: "--dilation") }
            try changes.set(&example.paddings, from: paddings) { list in
                try list.split(separator: ",").map { name in
                    let trimmed = name.trimmingCharacters(in: .whitespaces)
                    guard let mode = PaddingMode(rawValue: trimmed) else {
                        throw InputError("--paddings \(list): '\(trimmed)' is not a padding; expected full, valid or same")
                    }
                    return mode
                }
            }
            try changes.set(&example.operations, from: mode) { text in
                guard let operations = Operations(rawValue: text) else {
                    throw InputError("--mode \(text): expected cross-correlation, convolution or both")
                }
                return operations
            }
            if changes.any { example.statedOutputs = [:] }
            return changes.any
        }
    }
}
