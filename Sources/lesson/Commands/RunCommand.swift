import ArgumentParser
import LessonLibrary

/// `lesson run <lesson>`: one subcommand per lesson of the registry.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Trace a lesson's worked example step by step and draw its figures.",
        discussion: "Run 'lesson list' to see the lessons, and 'lesson run <lesson> --help' for a lesson's options.",
        subcommands: LessonRegistry.lessons.map { $0.runCommand }
    )
}

extension Lesson {
    /// `lesson run <id>` for this lesson.
    static var runCommand: any ParsableCommand.Type { RunLesson<Self>.self }
}

/// `lesson run <id>`: the lesson's own options, then the options every lesson shares.
struct RunLesson<L: Lesson>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: L.id, abstract: L.abstract, discussion: L.discussion)
    }

    @OptionGroup var lesson: L.Options

    @OptionGroup var options: RunOptions

    @Option(name: .customLong(L.framesOption), parsing: .unconditional,
            help: ArgumentHelp("Draw only these steps: numbers, ranges and 'last', e.g. 1,5,last or 10-20. Without it, a run of more than 64 steps draws the first 63, the last and the summary.", valueName: "list"))
    var steps: String?

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(L.id)
            let variant = try file.variant(options.variant)
            try options.finish(try L.run(file, variant: variant, options: lesson), steps: steps)
        }
    }
}
