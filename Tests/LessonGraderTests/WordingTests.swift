import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// Grader messages put nouns in the number their count needs.
@Suite struct WordingTests {
    /// One of each: "1 question, 1 point", "1 of 1 cell", "row 2 has 1 number".
    @Test func countsAgreeWithTheirNouns() throws {
        let one = try exercise("title: t\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3}")
        #expect(ExerciseReview(one, students: []).text.hasPrefix("exercises/test.yaml: 't' is valid: 1 question, 1 point.\n  1. a (output-size, 1 point)"))
        let report = GradeReport(exercise: one, students: [Grader.grade(submission("answers: {a: 3}"), exercise: one)])
        #expect(report.summaryText.hasPrefix("Graded 1 submission of 'test' (1 point): average 1.\n  a (1 point): 1 of 1 right"))
        let matrix = try exercise("title: t\nquestions:\n  - {id: m, kind: conv2d-output, input: \"2\", kernel: \"1\"}")
        #expect(Grader.grade(submission("answers: {m: 3}"), exercise: matrix).questions[0].feedback.hasPrefix("0 of 1 cell right"))
        let ragged = try exercise("title: t\nquestions:\n  - {id: m, kind: conv2d-output, input: \"1 2; 3 4\", kernel: \"1\"}")
        #expect(Grader.grade(submission("answers:\n  m:\n    - [1, 2]\n    - [3]"), exercise: ragged).questions[0].feedback
                .hasPrefix("could not read the answer: row 2 has 1 number but row 1 has 2"))
        #expect(message { _ = try exercise("title: [t]\nquestions: []") } == "exercises/test.yaml, line 1 (title): expected text, found a list")
        #expect(Counted.of(1, "entry", plural: "entries") == "1 entry" && Counted.of(20000, "variant") == "20,000 variants")
        #expect(Counted.points(0.5) == "0.5 points" && Counted.points(1) == "1 point" && Counted.points(0) == "0 points")
    }
}
