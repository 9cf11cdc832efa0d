import Foundation
import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run conv2d-modes`: full, valid and same padding, stride, and the flip.
struct RunConv2DModes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv2d-modes",
        abstract: "Full, valid and same padding on one input, and the true convolution next to cross-correlation.",
        discussion: """
            Without options, runs the 4×5 example of the course notes (seeds/003) with full, valid and \
            same padding and checks the stated outputs. Variants: stride-2, slide (the slide's own \
            table, with its −14), convolution (kernel flipped, next to cross-correlation). \
            --paddings takes a comma-separated list of full, valid, same.
            """
    )

    @Option(help: ArgumentHelp("The input matrix, or @file.", valueName: "matrix"))
    var input: String?

    @Option(help: ArgumentHelp("The kernel matrix, or @file.", valueName: "matrix"))
    var kernel: String?

    @Option(parsing: .unconditional, help: "The bias added to every output cell.", transform: FiniteNumber.parse)
    var bias: Double?

    @Option(help: ArgumentHelp("Which paddings to run: full,valid,same.", valueName: "list"))
    var paddings: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Step between windows: n, or rows,columns.", valueName: "s"))
    var stride: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Spacing between kernel taps: n, or rows,columns.", valueName: "d"))
    var dilation: String?

    @Option(help: ArgumentHelp("cross-correlation, convolution (kernel flipped) or both.", valueName: "mode"))
    var mode: String?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(Conv2DModesLesson.id)
            let variant = try file.variant(options.variant)
            var example = try Conv2DModesLesson.Example(variant)
            var changed = false
            if let input { example.input = try MatrixArgument.parse(input, option: "--input"); changed = true }
            if let kernel { example.kernel = try MatrixArgument.parse(kernel, option: "--kernel"); changed = true }
            if let bias { example.bias = bias; changed = true }
            if let stride { example.stride = try MatrixArgument.pair(stride, option: "--stride"); changed = true }
            if let dilation { example.dilation = try MatrixArgument.pair(dilation, option: "--dilation"); changed = true }
            if let paddings {
                example.paddings = try paddings.split(separator: ",").map { name in
                    let trimmed = name.trimmingCharacters(in: .whitespaces)
                    guard let mode = PaddingMode(rawValue: trimmed) else {
                        throw InputError("--paddings \(paddings): '\(trimmed)' is not a padding; expected full, valid or same")
                    }
                    return mode
                }
                changed = true
            }
            if let mode {
                guard let operations = Conv2DModesLesson.Operations(rawValue: mode) else {
                    throw InputError("--mode \(mode): expected cross-correlation, convolution or both")
                }
                example.operations = operations
                changed = true
            }
            if changed { example.statedOutputs = [:] }
            let output = try Conv2DModesLesson.run(example, title: changed ? "Full, valid and same" : file.title,
                                                   source: changed ? nil : file.source,
                                                   variant: changed ? "custom" : variant.name,
                                                   description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
