import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run conv2d-backward`: gradients through a convolution.
struct RunConv2DBackward: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv2d-backward",
        abstract: "Backpropagate through a convolution: ∂L/∂b, every ∂L/∂w and every ∂L/∂x written out.",
        discussion: """
            Takes the options of 'lesson run conv2d' plus --grad, the upstream gradient ∂L/∂z \
            (the shape of the output; default: the lesson file's, or all ones for your own input).
            """
    )

    @OptionGroup var convolution: ConvolutionOptions

    @Option(help: ArgumentHelp("The upstream gradient ∂L/∂z, the shape of the output, or @file.", valueName: "matrix"))
    var grad: String?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(Conv2DBackwardLesson.id)
            let variant = try file.variant(options.variant)
            var example = try Conv2DBackwardLesson.Example(variant)
            var changed = try convolution.apply(to: &example.forward)
            if changed && grad == nil { example.upstream = nil }
            if let grad { example.upstream = try MatrixArgument.parse(grad, option: "--grad"); changed = true }
            if changed {
                example.statedGradBias = nil
                example.statedGradKernel = nil
                example.statedGradInput = nil
            }
            let output = try Conv2DBackwardLesson.run(example, title: changed ? "2D convolution backward" : file.title,
                                                      source: changed ? nil : file.source,
                                                      variant: changed ? "custom" : variant.name,
                                                      description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
