import ArgumentParser
import Foundation
import LessonCore
import LessonLibrary

/// `lesson run conv-channels`: a convolutional layer over a multi-channel input.
struct RunConvChannels: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv-channels",
        abstract: "A layer of K filters over a C_in-channel input: the sum over channels and the parameter count.",
        discussion: """
            Without options, runs a 3×5×5 input through two 3×3×3 filters (stride 2, padding 1). \
            Channels are matrices separated by '|': --input "1 0; 0 1 | 2 2; 1 0"; give --filter once \
            per filter, with one slice per input channel, and --biases with one number per filter.
            """
    )

    @Option(help: ArgumentHelp("The input channels, separated by '|', or @file.", valueName: "channels"))
    var input: String?

    @Option(help: ArgumentHelp("A filter: one slice per input channel, separated by '|'. Repeat for K filters.", valueName: "slices"))
    var filter: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("One bias per filter, such as \"1 0\".", valueName: "list"))
    var biases: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Zero padding on each side: n, or rows,columns.", valueName: "p"))
    var padding: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows: n, or rows,columns.", valueName: "s"))
    var stride: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps: n, or rows,columns.", valueName: "d"))
    var dilation: String?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(ConvChannelsLesson.id)
            let variant = try file.variant(options.variant)
            var example = try ConvChannelsLesson.Example(variant)
            var changed = false
            if let input { example.input = try Self.channels(input, option: "--input"); changed = true }
            if !filter.isEmpty {
                example.filters = try filter.enumerated().map { try Self.channels($1, option: "--filter (number \($0 + 1))") }
                if biases == nil { example.biases = Array(repeating: 0, count: filter.count) }
                changed = true
            }
            if let biases {
                let values = try MatrixArgument.parse(biases, option: "--biases")
                guard values.rows == 1 else { throw InputError("--biases \(biases): expected one row of numbers, one per filter") }
                example.biases = values.scalars
                changed = true
            }
            if let padding { example.padding = try MatrixArgument.pair(padding, option: "--padding"); changed = true }
            if let stride { example.stride = try MatrixArgument.pair(stride, option: "--stride"); changed = true }
            if let dilation { example.dilation = try MatrixArgument.pair(dilation, option: "--dilation"); changed = true }
            if changed {
                example.statedOutput = nil
                example.statedParameters = nil
            }
            let output = try ConvChannelsLesson.run(example, title: changed ? "Channels" : file.title,
                                                    source: changed ? nil : file.source,
                                                    variant: changed ? "custom" : variant.name,
                                                    description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }

    /// Matrices separated by '|' (literal or @file) as a C × H × W tensor.
    static func channels(_ argument: String, option: String) throws -> Tensor {
        var text = argument
        if argument.hasPrefix("@") {
            let path = String(argument.dropFirst())
            guard let data = try? RegularFile.read(path, maximumBytes: MatrixArgument.maximumFileBytes), let contents = String(data: data, encoding: .utf8) else {
                throw InputError("\(option) \(argument): cannot read the file '\(path)'")
            }
            text = contents
        }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        var matrices: [Tensor] = []
        for (c, part) in parts.enumerated() {
            let matrix = try MatrixArgument.parse(String(part), option: "\(option), channel \(c + 1)")
            if let first = matrices.first, first.shape != matrix.shape {
                throw InputError("\(option): channel \(c + 1) is \(Notation.shape(matrix.shape)) but channel 1 is \(Notation.shape(first.shape)); channels must have the same size")
            }
            matrices.append(matrix)
        }
        return MultiChannelConv2D.stack(matrices)
    }
}
