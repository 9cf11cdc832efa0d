import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run rnn`: a recurrent network forward and backward through time, or any network file.
struct RunRNN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rnn",
        abstract: "Recurrent networks: every state term by term, backpropagation through time, truncation and the vanishing gradient.",
        discussion: """
            Without options, runs a 2-unit tanh network over 3 steps (many-to-one, binary cross-entropy); variants: \
            truncated, many-to-many, relu, vanishing-gradient. --network FILE runs any YAML file holding 'network:' \
            (U, W, V, b, c, inputs, initial_state, hidden_activation, output_activation, loss, target or targets).
            """
    )

    @Option(help: ArgumentHelp("A YAML file whose top level holds 'network:' (U, W, V, inputs, loss, target or targets, …).", valueName: "file"))
    var network: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Truncate BPTT: each loss term sends its gradient back through at most K steps.", valueName: "K"))
    var truncate: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The learning rate η of the update.", valueName: "η"))
    var learningRate: Double?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(RNNLesson.id)
            let variant = try file.variant(options.variant)
            let example = try RNNExample(variant).applying(networkFile: network, truncate: truncate, learningRate: learningRate)
            let changed = network != nil
            let output = try RNNLesson.run(example, title: changed ? "Recurrent network" : file.title,
                                           source: changed ? nil : file.source, variant: changed ? "custom" : variant.name,
                                           description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
