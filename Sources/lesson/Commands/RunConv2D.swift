import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run conv2d`: the 5×5 example, or any input and kernel.
struct RunConv2D: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv2d",
        abstract: "Slide a kernel over an input: every output cell written out term by term.",
        discussion: """
            Without options, runs the 5×5 example of the course notes (seeds/004) and checks the \
            numbers the lesson file states. Matrices are written row by row, rows separated by ';', \
            e.g. --input "1 0 3; 0 3 4; 1 0 2", or @file for a text or CSV file. Sizes take one \
            number or rows,columns (--stride 2,1).
            """
    )

    @OptionGroup var convolution: ConvolutionOptions

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(Conv2DLesson.id)
            let variant = try file.variant(options.variant)
            var example = try Conv2DLesson.Example(variant)
            let changed = try convolution.apply(to: &example)
            let output = try Conv2DLesson.run(example, title: changed ? "2D convolution" : file.title,
                                              source: changed ? nil : file.source,
                                              variant: changed ? "custom" : variant.name,
                                              description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
