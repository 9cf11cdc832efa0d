import ArgumentParser
import LessonCore
import LessonLibrary

/// `lesson run mlp`: the forward pass of the notes' 2 → 4 → 4 → 1 network, or any network.
struct RunMLP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlp",
        abstract: "The forward pass of a multilayer perceptron: every unit term by term, and the loss.",
        discussion: """
            Without options, runs the notes' 2 → 4 → 4 → 1 tanh regression network (seeds/004); \
            --variant classification runs its 6-class softmax version. --network FILE runs any \
            network file (the 'network:' block of a lesson file).
            """
    )

    @OptionGroup var network: NetworkOptions
    @OptionGroup var options: RunOptions

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(MLPLesson.id)
            let variant = try file.variant(options.variant)
            let lesson = try network.apply(to: try NetworkLessonExample(variant))
            let changed = network.changesExample
            let output = try MLPLesson.run(lesson, title: changed ? "MLP forward pass" : file.title,
                                           source: changed ? nil : file.source,
                                           variant: changed ? "custom" : variant.name,
                                           description: changed ? nil : variant.description)
            try options.finish(output)
        }
    }
}
