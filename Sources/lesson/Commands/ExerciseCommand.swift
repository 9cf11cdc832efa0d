import ArgumentParser
import Foundation
import LessonCore
import LessonFigures
import LessonGrader
import LessonLibrary

/// `lesson exercise`: look at exercises as students see them.
struct ExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "Show exercise sheets, check an exercise, make a Gradescope autograder, or list the question kinds.",
        subcommands: [ExerciseShow.self, ExerciseSheets.self, ExerciseCheck.self, ExerciseAutograder.self, ExerciseKinds.self]
    )
}

/// `lesson exercise show <id> --student S`: that student's sheet, and a PNG per matrix question.
struct ExerciseShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a student's exercise sheet (their variant) and draw its matrices.",
        discussion: "Questions with ranges give each student their own numbers, drawn from the exercise and the student id; grading uses the same numbers. Without --student, shows the variant of an empty id."
    )

    @OptionGroup var exercise: ExerciseArgument

    @Option(name: .long, help: ArgumentHelp("The student whose variant to show.", valueName: "id"))
    var student: String?

    @Option(name: .long, help: ArgumentHelp("Write figures into this folder.", valueName: "dir"))
    var out: String?

    @Flag(name: .long, help: "Do not draw figures.")
    var noFigures = false

    @Flag(name: .long, help: "Also print the expected answers (for the instructor).")
    var answers = false

    @Flag(name: .long, help: "Print the sheet as Markdown.")
    var markdown = false

    func run() throws {
        try reportingErrors {
            let exercise = try self.exercise.load()
            let sheet = try ExerciseSheet(exercise, student: student)
            print(markdown ? sheet.markdown : sheet.text)
            if answers {
                print("")
                print("Expected answers:")
                for (question, prepared) in zip(exercise.questions, try exercise.prepared(for: student ?? "")) {
                    print("  \(question.id): \(prepared.expected.text)")
                }
            }
            if !noFigures, !sheet.figures.isEmpty {
                var folder = URL(fileURLWithPath: out ?? "output/exercise/\(SafeFileName.make(exercise.id))")
                if out == nil, let student { folder = folder.appendingPathComponent(SafeFileName.make(student)) }
                let written = try FigureOutput.write(sheet.figures, to: folder, options: RenderOptions())
                print("")
                print("Figures: \(written.map(\.relativePath).joined(separator: ", "))")
            }
        }
    }
}

/// `lesson exercise kinds`: the question kinds an exercise may use.
struct ExerciseKinds: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kinds", abstract: "List the question kinds and their keys.")

    func run() throws {
        for kind in QuestionKinds.all {
            print("\(kind.name): \(kind.summary)")
            print("    keys: \(kind.keys.joined(separator: ", "))")
        }
    }
}
