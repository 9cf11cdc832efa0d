import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// A wrong answer that prints like the right one at 6 decimals (2.0000001 against 2) is shown
/// with the digits that tell the two apart, and with the tolerance it missed.
@Suite struct LookAlikeAnswerTests {
    let cell = """
        title: T
        questions:
          - {id: c, kind: conv2d-cell, input: "1 2; 3 4", kernel: "1", cell: [1, 2]}
          - {id: m, kind: conv2d-output, input: "1 2; 3 4", kernel: "1"}
        """

    @Test func aNumberOffByLessThanItsPrintedDigits() throws {
        let result = Grader.grade(submission("answers: {c: 2.0000001}"), exercise: try exercise(cell)).questions[0]
        #expect(result.status == .wrong)
        #expect(result.feedback.hasPrefix("wrong: expected 2, got 2.0000001, 1×10⁻⁷ away (accepted within 10⁻⁹ or 10⁻⁷ %)"), "\(result.feedback)")
        #expect(result.given == "2.0000001")
        let report = GradeReport(exercise: try exercise(cell), students: [Grader.grade(submission("answers: {c: 2.0000001}"), exercise: try exercise(cell))])
        #expect(report.summary[0].mostCommonWrong == "2.0000001")
        #expect(report.summaryText.contains("most common wrong answer 2.0000001 (1 student)"))
    }

    /// The digits grow only as far as needed, on both sides, and a stated tolerance is named.
    @Test(arguments: [
        ("2.00000049", "tolerance: 1e-8", "wrong: expected 2, got 2.0000005, 4.9×10⁻⁷ away (accepted within 0.00000001)"),
        ("1.9999999", "", "wrong: expected 2, got 1.9999999, 1×10⁻⁷ away (accepted within 10⁻⁹ or 10⁻⁷ %)"),
        ("2.5", "", "wrong: expected 2, got 2.5; worked"),
    ])
    func digitsAndTolerance(given: String, tolerance: String, feedback: String) throws {
        let yaml = "title: T\nquestions:\n  - {id: c, kind: conv2d-cell, input: \"1 2; 3 4\", kernel: \"1\", cell: [1, 2]\(tolerance.isEmpty ? "" : ", " + tolerance)}"
        let result = Grader.grade(submission("answers: {c: \(given)}"), exercise: try exercise(yaml)).questions[0]
        #expect(result.feedback.hasPrefix(feedback), "\(result.feedback)")
    }

    /// A matrix whose wrong cell prints like the right one: the answer as read and the expected
    /// one keep enough digits to differ (the summary's most common wrong answer too).
    @Test func aMatrixCellOffByLessThanItsPrintedDigits() throws {
        let result = Grader.grade(submission("answers: {m: \"1 2; 3 4.0000001\"}"), exercise: try exercise(cell)).questions[1]
        #expect(result.status == .partial)
        #expect(result.given == "1 2; 3 4.0000001")
        #expect(result.expected == "1 2; 3 4")
    }

    /// Answers that print differently keep the usual 6 decimals.
    @Test func distinctAnswersKeepSixDecimals() {
        let (expected, given) = AnswerGrader.distinguished(.number(2), "2", .number(2.1234567))
        #expect(expected == "2" && given == "2.123457")
        let (e, g) = AnswerGrader.distinguished(.number(0.1 + 0.2), "0.3", .number(0.3))
        #expect(e == "0.30000000000000004" && g == "0.3", "\(e) \(g)")
    }
}
