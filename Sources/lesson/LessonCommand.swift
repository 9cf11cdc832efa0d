import ArgumentParser
import Foundation
import LessonLibrary
import LessonCore

/// `lesson`: step through how neural networks compute.
@main
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Step through how neural networks compute, one number at a time.",
        discussion: """
            Each lesson traces a worked example from the course notes: every output cell, every \
            sum written term by term, and diagrams as PNG, SVG or PDF in output/<lesson>/.

            Examples:
              lesson list
              lesson run conv2d
              lesson run conv2d --variant padding-1 --format svg
              lesson run conv2d --input "1 2 0; 0 1 3; 2 2 1" --kernel "1 0; 0 -1" --json
              lesson run conv1d --variant sharpen
              lesson run conv2d-modes --variant convolution
              lesson run conv-arithmetic --n 7,5 --k 3 --p 1 --s 2 --d 2
              lesson run conv-channels --variant one-filter
              lesson figures --format png,svg,pdf --theme dark
            """,
        version: "lesson \(LessonRegistry.version)",
        subcommands: [RunCommand.self, ListCommand.self,
                      FiguresCommand.self,
                      GradeCommand.self, ExerciseCommand.self]
    )

    /// Parses and runs; `lesson run <word>` with a word that names no lesson is one sentence
    /// and exit 1 (the argument parser alone would say "Unexpected argument").
    static func main() {
        tuneMemoryForFigures()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count >= 2, arguments[0] == "run", !arguments[1].hasPrefix("-"), arguments[1] != "help" {
            let lessons = RunCommand.configuration.subcommands.map { $0._commandName }
            if !lessons.contains(arguments[1]) {
                printError("error: there is no lesson '\(Excerpt.quote(arguments[1]))'; the lessons are \(lessons.joined(separator: ", "))")
                Foundation.exit(1)
            }
        }
        if let message = emptyValue(in: arguments) {
            printError("error: \(message); --help lists the options")
            Foundation.exit(1)
        }
        // A value the parser refuses (`--bias nan`, `--stride x`, an unknown option) is a
        // mistake in the input: one sentence and exit 1, not the usage block and exit 64.
        do {
            var command = try lessonRun(arguments) ?? parseAsRoot(arguments)
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError("error: \(Excerpt.quote(oneSentence(message(for: error)), limit: 200)); --help lists the options")
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }

    /// `--input=` with nothing after '=' (a shell variable that was empty, say): the parser would
    /// take the next argument as its value (`--input= --kernel "1 0"` read '--kernel' as the
    /// input), so it is refused, naming the option. Arguments after `--` are not options.
    static func emptyValue(in arguments: [String]) -> String? {
        for argument in arguments.prefix(while: { $0 != "--" }) where argument.hasPrefix("--") && argument.hasSuffix("=") {
            let name = argument.dropLast()
            guard name.count > 2, !name.contains("=") else { continue }
            return "'\(argument)' gives \(name) no value: write \(name) VALUE or \(name)=VALUE"
        }
        return nil
    }

    /// The argument parser's refusal as one sentence to go before "; --help lists the options":
    /// its list of allowed values ("one of the following:\n  - png\n  - svg") joined on one line
    /// ("one of the following: png, svg"), and no full stop of its own before the semicolon.
    static func oneSentence(_ message: String) -> String {
        let lines = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let items = lines.filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
        var sentence = lines.filter { !$0.hasPrefix("- ") && !$0.isEmpty }.joined(separator: " ")
        if !items.isEmpty {
            let list = items.count == 1 ? items[0] : items.dropLast().joined(separator: ", ") + " or " + items.last!
            sentence += (sentence.hasSuffix(":") ? " " : ": ") + list
        }
        while sentence.hasSuffix(".") { sentence.removeLast() }
        return sentence
    }

    /// `lesson run <lesson> <options>` parsed by the lesson's own command alone, or nil for
    /// anything else. The root parser first builds every command's arguments to look for a
    /// completion-script request: about 1.5 ms of `lesson --version`'s 6.6 ms (perf), on every
    /// run. Whatever the lesson's command does not simply accept (help and version requests in
    /// any spelling, completion requests, a refused option) is parsed again by the root, so its
    /// usage lines, messages and exit codes are the root's, as they were.
    static func lessonRun(_ arguments: [String]) -> ParsableCommand? {
        guard arguments.count >= 2, arguments[0] == "run",
              let lesson = LessonRegistry.lessons.first(where: { $0.id == arguments[1] }) else { return nil }
        // A help request parses as the parser's own help command: only the lesson's command is kept.
        guard let command = try? lesson.runCommand.parseAsRoot(Array(arguments.dropFirst(2))),
              type(of: command) == lesson.runCommand else { return nil }
        return command
    }
}
