import ArgumentParser
import Foundation
import LessonCore
import LessonGrader

/// `lesson exercise check FILE`: validate an exercise and print every student's answers.
struct ExerciseCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an exercise file and print the expected answers of every student, to review before publishing.",
        discussion: """
            Loading the file checks every question (kinds, keys, ranges, that the engine can compute the \
            answer). Then prints each question's kind, points and whether answers are hidden, and the \
            expected answer of every student of --roster or --students (else of the instructor's variant).

            Example:
              lesson exercise check exercises/conv-5x5.yaml --roster canvas-export.csv
            """
    )

    @Argument(help: ArgumentHelp("The exercise: a path to a .yaml file or an id in exercises/.", valueName: "exercise"))
    var exercise: String

    @Option(name: .long, help: ArgumentHelp("The class roster (CSV from Canvas or Moodle).", valueName: "file.csv"))
    var roster: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Student ids.", valueName: "id"))
    var students: [String] = []

    func run() throws {
        try reportingErrors {
            let exercise = try ExerciseDirectory.load(self.exercise)
            var ids = students
            if let roster {
                ids += try Roster.load(URL(fileURLWithPath: roster), displayName: roster).students.map(\.displayID)
            }
            let review = ExerciseReview(exercise, students: ids)
            print(review.text)
            if !review.failures.isEmpty {
                throw InputError("the exercise cannot be prepared for \(review.failures.count) student\(review.failures.count == 1 ? "" : "s") (\(review.failures.prefix(5).joined(separator: ", "))\(review.failures.count > 5 ? ", …" : "")); narrow the ranges that give them impossible numbers")
            }
        }
    }
}
