import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// `lesson exercise check` finds ranges that give some student impossible numbers before
/// students see them, with or without a roster; grading such a student says whose fault it is.
@Suite struct ExerciseCheckTests {
    /// The tester's rng.yaml: n in [2, 6] with k = 3 loads (the instructor's variant has n ≥ 3)
    /// but n = 2 has no output. Without a roster the review prepares every n and finds it.
    @Test func everyVariantIsPreparedWithoutARoster() throws {
        let ex = try exercise("title: t\nquestions:\n  - {id: a, kind: output-size, n: {range: [2, 6]}, k: 3}", id: "rng")
        let review = ExerciseReview(ex, students: [])
        #expect(review.variantFailures == ["question 'a' with n = 2"])
        #expect(review.text.contains("""
              a: all 5 combinations of n: 1 variant cannot be prepared
                n = 2: exercises/rng.yaml, question 'a': the kernel
            """))
        #expect(review.text.contains("Per-student numbers are drawn from the exercise id 'rng' (the file name; an id: key keeps them when the file is renamed or copied) and the student id."))
    }

    /// Every combination of the ranges and lists is tried, each exactly once (exhaustive over
    /// a small case), and the same call gives the same variants.
    /// Two questions of 1e308 points each made an exercise of ∞ points that `exercise check`
    /// called valid, and grading wrote ∞ into gradebook.csv and a null score into results.json
    /// (found by exploratory testing); a question's points are now at most 1,000,000.
    @Test func pointsThatCannotAddUpAreRefused() throws {
        #expect(throws: InputError.self) { try exercise("title: t\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3, points: 1e308}") }
        do {
            _ = try exercise("title: t\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3, points: 1e308}")
        } catch let error as InputError {
            #expect(error.message.contains("points must be at most 1000000 (they add up in the gradebook), not 1×10³⁰⁸"), "\(error.message)")
        }
        #expect(try exercise("title: t\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3, points: 1000000}").maxPoints == 1_000_000)
    }

    @Test func variantsCoverEveryCombination() throws {
        let values: [String: ParameterValue] = [
            "n": .map(["range": .list([.scalar("3"), .scalar("9")]), "step": .scalar("3")]),
            "k": .map(["one_of": .list([.scalar("1"), .scalar("3")])]),
            "p": .scalar("0"),
        ]
        let sample = try VariantDrawer.variants(values, location: "here")
        #expect(!sample.isSample && sample.combinations == 6 && sample.ranges == ["k", "n"])
        let drawn = sample.values.map { "\($0["n"]?.text ?? "") \($0["k"]?.text ?? "") \($0["p"]?.text ?? "")" }
        #expect(Set(drawn) == ["3 1 0", "6 1 0", "9 1 0", "3 3 0", "6 3 0", "9 3 0"], "\(drawn)")
        #expect(drawn.count == 6)
        #expect(sample.labels.first == "k = 1, n = 3")
        #expect(try VariantDrawer.variants(values, location: "here").values == sample.values)
    }

    /// Random matrices are drawn at least `minimum` times from a seeded generator, each within
    /// its range; ranges inside lists are found by their path.
    @Test func randomMatricesAreDrawnManyTimes() throws {
        let values: [String: ParameterValue] = [
            "input": .map(["random_matrix": .list([.scalar("2"), .scalar("2")]), "range": .list([.scalar("-1"), .scalar("1")])]),
            "layers": .list([.map(["k": .map(["range": .list([.scalar("1"), .scalar("2")])])])]),
        ]
        let sample = try VariantDrawer.variants(values, location: "here", minimum: 50)
        #expect(sample.values.count == 50 && sample.combinations == 2 && sample.randomMatrices == ["input"] && sample.ranges == ["layers.0.k"])
        let matrices = Set(sample.values.compactMap { $0["input"]?.text })
        #expect(matrices.count > 30, "50 draws of a 2×2 matrix of −1…1 gave \(matrices.count) different ones")
        for text in matrices {
            let cells = text.split(whereSeparator: { $0 == " " || $0 == ";" }).compactMap { Int($0) }
            #expect(cells.count == 4 && cells.allSatisfy { (-1...1).contains($0) }, "\(text)")
        }
    }

    /// Past the limit the review prepares a seeded sample, and says so.
    @Test func tooManyCombinationsAreSampled() throws {
        let ex = try exercise("title: t\nquestions:\n  - {id: a, kind: output-size, n: {range: [20, 4000]}, k: {range: [1, 9]}, p: {range: [0, 3]}}")
        let sample = try VariantDrawer.variants(ex.questions[0].parameters, location: "here", limit: 500)
        #expect(sample.isSample && sample.values.count == 500 && sample.combinations == 3981 * 9 * 4)
        let review = ExerciseReview(ex, students: [])
        #expect(review.text.contains("  a: a seeded sample of 20,000 of its 143,316 combinations of k, n, p: every one can be prepared"), "\(review.text)")
    }

    /// A student whose variant is impossible is not graded, and the sentence says why in words
    /// that read: the exercise's fault, not the file's.
    @Test func anImpossibleVariantIsTheExercisesFault() throws {
        let ex = try exercise("title: t\nquestions:\n  - {id: a, kind: output-size, n: {range: [2, 6]}, k: 3}", id: "rng")
        let student = try #require((1...100).map { "s\($0)" }.first { (try? ex.prepared(for: $0)) == nil })
        let result = Grader.grade(Submission.parse(Data("answers: {a: 1}".utf8), file: "\(student).yaml", fallbackID: student), exercise: ex)
        #expect(result.error == "is not graded: the exercise gives student '\(student)' impossible numbers (exercises/rng.yaml, question 'a': the kernel (size 3) is larger than the padded input (size 2 + 2×0 = 2), so n + 2p − d(k − 1) − 1 = −1 is below 0 and there is no output); the teacher has to narrow its ranges (lesson exercise check finds them)")
        #expect(result.questions[0].feedback == "not graded: the exercise gives student '\(student)' impossible numbers")
    }
}
