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
        @Option(parsing: .unconditional, help: ArgumentHelp("The signal, or @file.", valueName: "vector")) var input: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The kernel, or @file.", valueName: "vector")) var kernel: String?
        @Option(parsing: .unconditional, help: "The bias added to every output.", transform: FiniteNumber.parse) var bias: Double?
        @Option(parsing: .unconditional, help: ArgumentHelp("Zeros added at each end: n, or same, valid, full, or causal (d(k − 1) zeros before the signal only, as Keras's Conv1D).", valueName: "p")) var padding: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows.", valueName: "s")) var stride: Int?
        @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps.", valueName: "d")) var dilation: Int?
        @Flag(help: "Compute the true convolution (kernel reversed) instead of cross-correlation.") var flip = false

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changes = OptionChanges()
            try changes.set(&example.input, from: input) { try MatrixArgument.vector($0, option: "--input") }
            try changes.set(&example.kernel, from: kernel) { try MatrixArgument.vector($0, option: "--kernel") }
            changes.set(&example.bias, to: bias)
            changes.set(&example.stride, to: stride)
            changes.set(&example.dilation, to: dilation)
            let (taps, dilation) = (example.kernel.count, example.dilation)
            var padsSame = false, padsCausal = false
            try changes.set(&example.padding, from: padding) { text in
                if text.trimmingCharacters(in: .whitespaces).lowercased() == "causal" { padsCausal = true; return 0 }
                let argument: PaddingArgument
                do { argument = try PaddingArgument(text) } catch {
                    throw InputError("--padding \(text): expected a whole number (zeros at each end), or same, valid, full or causal")
                }
                switch argument {
                case .size(let pair) where pair.isSquare: return pair.rows
                case .size: throw InputError("--padding \(text): a signal has one axis; give one number")
                case .named(.same): padsSame = true; return 0
                case .named(let mode): return try mode.padding(kernel: taps, dilation: dilation, axis: "signal")
                }
            }
            if padsSame { example.padSame() }
            if padsCausal { example.padCausal() }
            changes.set(&example.mode, to: .convolution, when: flip)
            // The stated values describe the lesson's own numbers, not these.
            if changes.any { (example.statedOutput, example.statedSums) = (nil, []) }
            return changes.any
        }
    }
}
