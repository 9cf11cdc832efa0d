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

    @OptionGroup var exercise: ExerciseArgument
    @OptionGroup var students: StudentOptions

    func run() throws {
        try reportingErrors {
            let review = ExerciseReview(try exercise.load(), students: try students.ids())
            print(review.text)
            if !review.failures.isEmpty {
                throw InputError("the exercise cannot be prepared for \(Counted.of(review.failures.count, "student")) (\(review.failures.prefix(5).joined(separator: ", "))\(review.failures.count > 5 ? ", …" : "")); narrow the ranges that give them impossible numbers")
            }
        }
    }
}
