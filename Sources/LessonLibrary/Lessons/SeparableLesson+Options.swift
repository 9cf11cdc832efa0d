import ArgumentParser
import LessonCore

extension SeparableLesson {
    public static let abstract = "Depthwise then pointwise convolution, and Conv2D vs SeparableConv2D parameter counts."
    public static let discussion = """
        Without options, runs a 3-channel 4×4 example step by step and recomputes the notes' \
        Keras summaries (seeds/002): 400 vs 65, 3216 vs 344, 4640 vs 688 parameters. \
        Channels are matrices separated by '|': --input "1 2 0; 0 1 3; 2 2 1 | 1 0 1; 0 1 0; 1 0 1", \
        --depthwise "1 0; 0 1 | 0 1; 1 0" (one kernel per input channel); \
        --pointwise takes filters × channels, e.g. "1 -1 2; 0 1 1".
        """
    public static let customTitle: String? = "Depthwise separable convolution"

    /// The input channels, the depthwise kernels, the pointwise weights and biases, and the depthwise step's window.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The input channels, separated by '|', or @file.", valueName: "channels")) var input: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("One depthwise kernel per input channel, separated by '|', or @file.", valueName: "kernels")) var depthwise: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("The pointwise weights, filters × channels, or @file.", valueName: "matrix")) var pointwise: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("One bias per filter, separated by spaces.", valueName: "b")) var bias: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Zero padding of the depthwise step: n, rows,columns, valid, full, or same (as Keras' SeparableConv2D pads).", valueName: "p")) var padding: String?
        @Option(parsing: .unconditional, help: ArgumentHelp("Stride of the depthwise step: n, or rows,columns.", valueName: "s")) var stride: String?

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changes = OptionChanges()
            // Separate matrices, one per channel, as the lesson file lists them.
            let split = { (stack: Tensor) in (0..<stack.shape[0]).map(stack.channel) }
            try changes.set(&example.input, from: input) { split(try MatrixArgument.channels($0, option: "--input")) }
            try changes.set(&example.depthwise, from: depthwise) { split(try MatrixArgument.channels($0, option: "--depthwise")) }
            try changes.set(&example.pointwise, from: pointwise) { try MatrixArgument.parse($0, option: "--pointwise") }
            if pointwise != nil { example.bias = Array(repeating: 0, count: example.pointwise.rows) }
            try changes.set(&example.bias, from: bias) { try MatrixArgument.parse($0, option: "--bias").scalars }
            if let padding {
                try example.setPadding(try PaddingArgument(padding))
                changes.note(true)
            }
            try changes.set(&example.stride, from: stride) { try MatrixArgument.pair($0, option: "--stride") }
            // A new number of channels needs the weights that go with it: say which option gives them.
            let channels = example.input.count
            if input != nil, depthwise == nil, example.depthwise.count != channels {
                throw InputError("--input has \(channels) \(Counted.noun(channels, "channel")) but the example has \(example.depthwise.count) depthwise \(Counted.noun(example.depthwise.count, "kernel")); "
                                 + "give --depthwise with one kernel per channel, separated by '|'")
            }
            if input != nil || depthwise != nil, pointwise == nil, example.pointwise.columns != channels {
                throw InputError("the input has \(channels) \(Counted.noun(channels, "channel")) but the example's pointwise weights are "
                                 + "\(Notation.shape(example.pointwise.shape)); give --pointwise as filters × \(channels) (one column per channel)")
            }
            if changes.any { (example.stated.depthwise, example.stated.output) = (nil, nil) }
            return changes.any
        }
    }
}
