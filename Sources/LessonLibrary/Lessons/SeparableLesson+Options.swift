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
        @Option(parsing: .unconditional, help: ArgumentHelp("The pointwise weights, filters × channels, or @file.", valueName: "matrix")) var pointwise: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("One bias per filter, separated by spaces.", valueName: "b")) var bias: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Zero padding of the depthwise step: n, rows,columns, valid, full, or same (as Keras' SeparableConv2D pads).", valueName: "p")) var padding: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Stride of the depthwise step: n, or rows,columns.", valueName: "s")) var stride: String?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changes = OptionChanges()
            try changes.set(&example.pointwise, from: pointwise) { try MatrixArgument.parse($0, option: "--pointwise") }
            if pointwise != nil { example.bias = Array(repeating: 0, count: example.pointwise.rows) }
            try changes.set(&example.bias, from: bias) { try MatrixArgument.parse($0, option: "--bias").scalars }
            if let padding {
                try example.setPadding(try PaddingArgument(padding))
                changes.note(true)
            }
            try changes.set(&example.stride, from: stride) { try MatrixArgument.pair($0, option: "--stride") }
            if changes.any { (example.stated.depthwise, example.stated.output) = (nil, nil) }
            return changes.any
        }
    }
}
