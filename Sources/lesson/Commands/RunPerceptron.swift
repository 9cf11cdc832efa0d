import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run perceptron`: gates, the perceptron rule and XOR.
struct RunPerceptron: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perceptron",
        abstract: "AND, OR and NOT with a threshold unit, the perceptron rule epoch by epoch, and XOR.",
        discussion: "Without options, runs the notes' gates (seeds/001) and trains AND, OR and XOR from w = (0, 0, 0) with α = 1."
    )

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The learning rate α of the perceptron rule.", valueName: "α"), transform: FiniteNumber.parse)
    var learningRate: Double?

    @Option(parsing: .unconditional, help: "The most epochs to run the rule.")
    var epochs: Int?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(PerceptronLesson.id)
            let variant = try file.variant(options.variant)
            var example = try PerceptronLesson.Example(variant)
            if let learningRate { example.learningRate = learningRate }
            if let epochs { example.epochs = epochs }
            let changed = learningRate != nil || epochs != nil
            let output = try PerceptronLesson.run(example, title: file.title, source: file.source,
                                                  variant: changed ? "custom" : variant.name, description: variant.description)
            try options.finish(output)
        }
    }
}
