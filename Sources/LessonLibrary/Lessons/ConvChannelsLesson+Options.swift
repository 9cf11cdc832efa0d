import ArgumentParser
import LessonCore

extension ConvChannelsLesson {
    public static let abstract = "A layer of K filters over a C_in-channel input: the sum over channels and the parameter count."
    public static let discussion = """
        Without options, runs a 3×5×5 input through two 3×3×3 filters (stride 2, padding 1). \
        Channels are matrices separated by '|': --input "1 0; 0 1 | 2 2; 1 0"; give --filter once \
        per filter, with one slice per input channel, and --biases with one number per filter.
        """
    public static let customTitle: String? = "Channels"

    /// The input channels, the filters, their biases and the window.
    public struct Options: LessonOptions {
        @Option(parsing: .unconditional, help: ArgumentHelp("The input channels, separated by '|', or @file.", valueName: "channels")) var input: String?
        @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("A filter: one slice per input channel, separated by '|'. Repeat for K filters.", valueName: "slices")) var filter: [String] = []
        @Option(parsing: .unconditional, help: ArgumentHelp("One bias per filter, such as \"1 0\".", valueName: "list")) var biases: String?
        @OptionGroup var window: WindowOptions

        public init() {}

        public func apply(to example: inout Example) throws -> Bool {
            var changes = OptionChanges()
            try changes.set(&example.input, from: input) { try MatrixArgument.channels($0, option: "--input") }
            if !filter.isEmpty {
                example.filters = try filter.enumerated().map { try MatrixArgument.channels($1, option: "--filter (number \($0 + 1))") }
                example.biases = Array(repeating: 0, count: filter.count)
                changes.note(true)
            }
            try changes.set(&example.biases, from: biases) { try MatrixArgument.vector($0, option: "--biases") }
            try window.apply(kernelShape: example.filters.first?.shape ?? [1, 1], padding: &example.padding,
                             stride: &example.stride, dilation: &example.dilation, to: &changes, leavingSame: true)
            if window.asksSame { example.padSame() }
            if changes.any { (example.statedOutput, example.statedParameters) = (nil, nil) }
            return changes.any
        }
    }
}
