import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run gradient-descent`: GD, SGD and mini-batch side by side on the notes' J(θ).
struct RunGradientDescent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradient-descent",
        abstract: "GD vs SGD vs mini-batch gradient descent on J = (1/N)Σ(ŷ − y)², term by term, and the learning-rate regimes.",
        discussion: """
            Without options, fits ŷ = θx to x = (1, 2, 3, 4), y = (2, 4, 5, 8) from θ = 0 with α = 0.05 (seeds/004). \
            --seed N shuffles every epoch; --no-shuffle keeps the order given.
            """
    )

    @Option(help: ArgumentHelp("The inputs, such as \"1 2 3 4\".", valueName: "vector")) var x: String?
    @Option(help: ArgumentHelp("The targets, such as \"2 4 5 8\".", valueName: "vector")) var y: String?
    @Option(help: ArgumentHelp("through-origin (ŷ = θx) or with-intercept (ŷ = θx + b).", valueName: "model")) var model: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The start θ, or θ,b with an intercept.", valueName: "θ[,b]")) var start: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("The learning rate α.", valueName: "α")) var learningRate: Double?
    @Option(help: "The number of epochs.") var epochs: Int?
    @Option(help: ArgumentHelp("N_b, the examples per mini-batch.", valueName: "N_b")) var batchSize: Int?
    @Option(help: "Shuffle every epoch with this seed.") var seed: UInt64?
    @Flag(help: "Visit the examples in the order given.") var noShuffle = false

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(GradientDescentLesson.id)
            let variant = try file.variant(options.variant)
            var values = GradientDescentLesson.Options()
            (values.x, values.y, values.model, values.start) = (x, y, model, start)
            (values.learningRate, values.epochs, values.batchSize, values.seed, values.noShuffle) = (learningRate, epochs, batchSize, seed, noShuffle)
            let example = try values.apply(to: try GradientDescentLesson.Example(variant))
            let changed = values.changesExample
            let output = try GradientDescentLesson.run(example, title: changed ? "Gradient descent, SGD and mini-batch gradient descent" : file.title,
                                                       source: changed ? nil : file.source, variant: changed ? "custom" : variant.name,
                                                       description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
