import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run lstm`: the LSTM cell forward and backward through time, or any cell file.
struct RunLSTM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lstm",
        abstract: "The LSTM cell: every gate at every step, backpropagation through time and the constant error carousel.",
        discussion: """
            Without options, runs a one-unit cell over 2 steps; variant: many-to-many. --network FILE runs any YAML \
            file holding 'network:' (W_f, W_i, W_s, W_o, b_f, b_i, b_s, b_o, inputs, initial_state, target or targets).
            """
    )

    @Option(help: ArgumentHelp("A YAML file whose top level holds 'network:' (W_f … W_o, b_f … b_o, inputs, target or targets).", valueName: "file"))
    var network: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("The learning rate η of the update.", valueName: "η"))
    var learningRate: Double?

    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(LSTMLesson.id)
            let variant = try file.variant(options.variant)
            let example = try LSTMExample(variant).applying(networkFile: network, learningRate: learningRate)
            let changed = network != nil
            let output = try LSTMLesson.run(example, title: changed ? "LSTM cell" : file.title,
                                            source: changed ? nil : file.source, variant: changed ? "custom" : variant.name,
                                            description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
