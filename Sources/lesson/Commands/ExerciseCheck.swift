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
            answer). Then prints each question's kind, points and whether answers are hidden; prepares every \
            variant a question's ranges can give (every combination of its ranges and lists, random matrices \
            drawn from a seeded generator; a seeded sample of 20,000 when there are more), so a range that \
            gives any student impossible numbers is an error even without a roster; and prints the expected \
            answer of every student of --roster or --students (else of the instructor's variant).

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
            if !review.variantFailures.isEmpty {
                let shown = review.variantFailures.prefix(3).joined(separator: "; ")
                throw InputError("the exercise cannot be prepared for every student: its ranges give impossible numbers in \(Counted.of(review.variantFailures.count, "variant")) (\(shown)\(review.variantFailures.count > 3 ? "; …" : "")); narrow the ranges")
            }
            if !review.failures.isEmpty {
                throw InputError("the exercise cannot be prepared for \(Counted.of(review.failures.count, "student")) (\(review.failures.prefix(5).joined(separator: ", "))\(review.failures.count > 5 ? ", …" : "")); narrow the ranges that give them impossible numbers")
            }
        }
    }
}
