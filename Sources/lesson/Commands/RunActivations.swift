import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run activations`: activation functions and their derivatives, tabulated and plotted.
struct RunActivations: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activations",
        abstract: "σ, tanh, ReLU and softplus and their derivatives, tabulated and plotted.",
        discussion: "--at takes the z values of the table, such as --at \"-2 0 2\"; --from and --to the plotted range."
    )

    @Option(parsing: .unconditional, help: ArgumentHelp("The z values of the table.", valueName: "values"))
    var at: String?

    @Option(parsing: .unconditional, help: "The left end of the plotted range of z.", transform: FiniteNumber.parse)
    var from: Double?

    @Option(parsing: .unconditional, help: "The right end of the plotted range of z.", transform: FiniteNumber.parse)
    var to: Double?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(ActivationsLesson.id)
            let variant = try file.variant(options.variant)
            var example = try ActivationsLesson.Example(variant)
            if let at { example.at = try MatrixArgument.parse(at.replacingOccurrences(of: ",", with: " "), option: "--at").scalars }
            if let from { example.from = from }
            if let to { example.to = to }
            guard example.from < example.to, example.from.isFinite, example.to.isFinite else {
                throw InputError("--from must be less than --to, got \(Notation.number(example.from)) and \(Notation.number(example.to))")
            }
            let changed = at != nil || from != nil || to != nil
            let output = try ActivationsLesson.run(example, title: file.title, source: file.source,
                                                   variant: changed ? "custom" : variant.name, description: variant.description)
            try options.finish(output)
        }
    }
}
