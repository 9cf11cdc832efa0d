import ArgumentParser
import LessonCore

extension SeparableLesson {
    public static let abstract = "Depthwise then pointwise convolution, and Conv2D vs SeparableConv2D parameter counts."
    public static let discussion = """
        Without options, runs a 3-channel 4×4 example step by step and recomputes the notes' \
        Keras summaries (seeds/002): 400 vs 65, 3216 vs 344, 4640 vs 688 parameters. \
        --pointwise takes filters × channels, e.g. "1 -1 2; 0 1 1".
        """
    public static let customTitle: String? = "Depthwise separable convolution"

    /// The pointwise weights and biases, and the depthwise step's window.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The pointwise weights, filters × channels, or @file.", valueName: "matrix"))
        var pointwise: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("One bias per filter, separated by spaces.", valueName: "b"))
        var bias: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("Zero padding of the depthwise step: n, or rows,columns.", valueName: "p"))
        var padding: String?

        @Option(parsing: .unconditional, help: ArgumentHelp("Stride of the depthwise step: n, or rows,columns.", valueName: "s"))
        var stride: String?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changed = false
            if let pointwise {
                example.pointwise = try MatrixArgument.parse(pointwise, option: "--pointwise")
                if bias == nil { example.bias = Array(repeating: 0, count: example.pointwise.rows) }
                changed = true
            }
            if let bias { example.bias = try MatrixArgument.parse(bias, option: "--bias").scalars; changed = true }
            if let padding { example.padding = try MatrixArgument.pair(padding, option: "--padding"); changed = true }
            if let stride { example.stride = try MatrixArgument.pair(stride, option: "--stride"); changed = true }
            if changed {
                example.stated.depthwise = nil
                example.stated.output = nil
            }
            return changed
        }
    }
}
