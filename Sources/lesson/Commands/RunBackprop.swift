import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run backprop`: δ backpropagation on the notes' network, or any network file.
struct RunBackprop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backprop",
        abstract: "Backpropagation: δ layer by layer, every gradient, one descent step and a gradient check.",
        discussion: """
            Without options, runs the notes' 2 → 4 → 4 → 1 tanh network backward; variants: \
            classification (softmax + cross-entropy), by-hand (2 → 2 → 1 sigmoid), by-hand-mse, l2. \
            --network FILE runs any YAML file holding 'network:' (input, target, loss, l2, layers).
            """
    )

    @OptionGroup var network: NetworkOptions

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The learning rate α of the gradient-descent step.", valueName: "α"))
    var learningRate: Double?

    @Option(help: ArgumentHelp("lesson (w_ij into unit i, input = layer 0) or seed (seed 000's w_ij from unit i to unit j, input = layer 1): also writes every δ and gradient that way.", valueName: "indexing"))
    var indexing: String?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(BackpropLesson.id)
            let variant = try file.variant(options.variant)
            var lesson = try network.apply(to: try NetworkLessonExample(variant))
            if let learningRate {
                guard learningRate > 0, learningRate.isFinite else {
                    throw InputError("--learning-rate must be above 0, got \(Notation.number(learningRate))")
                }
                lesson.learningRate = learningRate
            }
            if let indexing {
                guard indexing == "seed" || indexing == "lesson" else { throw InputError("--indexing \(indexing): expected lesson or seed") }
                lesson.seedIndexing = indexing == "seed"
            }
            let changed = network.changesExample
            let output = try BackpropLesson.run(lesson, title: changed ? "Backpropagation" : file.title,
                                                source: changed ? nil : file.source,
                                                variant: changed ? "custom" : variant.name,
                                                description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
