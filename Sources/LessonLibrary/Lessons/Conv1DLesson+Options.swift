import ArgumentParser
import LessonCore

extension Conv1DLesson {
    public static let abstract = "Slide a kernel along a signal: every output written out term by term."
    public static let discussion = """
        Without options, runs x = (4, 1, 1, 2, 3, 5, 8, 13) with w = (1, −2, 1) from the course \
        notes (seeds/004) and checks the numbers the lesson file states. Variants: padded, and \
        the notes' named kernels average, sharpen, derivative, second-derivative. Vectors are \
        numbers separated by spaces or commas, e.g. --kernel "-1 4 -1", or @file.
        """
    public static let customTitle: String? = "1D convolution"

    /// A signal, a kernel and the window settings.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The signal, or @file.", valueName: "vector"))
        var input: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("The kernel, or @file.", valueName: "vector"))
        var kernel: String?

        @Option(parsing: .unconditional, help: "The bias added to every output.")
        var bias: Double?

        @Option(parsing: .unconditional, help: ArgumentHelp("Zeros added at each end: n, or same, valid, full.", valueName: "p"))
        var padding: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows.", valueName: "s"))
        var stride: Int?

        @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps.", valueName: "d"))
        var dilation: Int?

        @Flag(help: "Compute the true convolution (kernel reversed) instead of cross-correlation.")
        var flip = false

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changed = false
            if let input { example.input = try MatrixArgument.vector(input, option: "--input"); changed = true }
            if let kernel { example.kernel = try MatrixArgument.vector(kernel, option: "--kernel"); changed = true }
            if let bias { example.bias = bias; changed = true }
            if let stride { example.stride = stride; changed = true }
            if let dilation { example.dilation = dilation; changed = true }
            if let padding {
                switch try PaddingArgument(padding) {
                case .size(let pair):
                    guard pair.isSquare else { throw InputError("--padding \(padding): a signal has one axis; give one number") }
                    example.padding = pair.rows
                case .named(let mode):
                    example.padding = try mode.padding(kernel: example.kernel.count, dilation: example.dilation, axis: "signal")
                }
                changed = true
            }
            if flip { example.mode = .convolution; changed = true }
            if changed {
                // The stated values describe the lesson's own numbers, not these.
                example.statedOutput = nil
                example.statedSums = []
            }
            return changed
        }
    }
}
