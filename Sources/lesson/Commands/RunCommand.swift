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

    func run() throws {
        try reportingErrors {
            let file = try LessonDirectory.locate().load(L.id)
            let variant = try file.variant(options.variant)
            try options.finish(try L.run(file, variant: variant, options: lesson))
        }
    }
}
