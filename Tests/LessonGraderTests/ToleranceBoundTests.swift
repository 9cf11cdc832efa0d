import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// A tolerance is 0 or more: a negative one would refuse every answer, the right one too, and
/// is refused where the exercise file writes it.
@Suite struct ToleranceBoundTests {
    /// A negative tolerance would refuse every answer, the right one too: refused where it is written.
    @Test(arguments: [
        ("tolerance: -1", "exercises/test.yaml, line 3 (questions[1].tolerance): a tolerance must be 0 or more, found −1; 0 accepts only the exact answer"),
        ("tolerance: {absolute: -0.5}", "exercises/test.yaml, line 3 (questions[1].tolerance.absolute): a tolerance must be 0 or more, found −0.5; 0 accepts only the exact answer"),
        ("tolerance: {relative: -0.01}", "exercises/test.yaml, line 3 (questions[1].tolerance.relative): a tolerance must be 0 or more, found −0.01; 0 accepts only the exact answer"),
        ("tolerance: .nan", "exercises/test.yaml, line 3 (questions[1].tolerance): expected a finite number, but '.nan' is not a finite number; nan and inf are refused"),
        ("tolerance: nan", "exercises/test.yaml, line 3 (questions[1].tolerance): expected a finite number, but 'nan' is not a finite number; nan and inf are refused"),
    ])
    func toleranceMustBeZeroOrMore(tolerance: String, refusal: String) {
        let yaml = "title: T\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3, \(tolerance)}"
        #expect(message { _ = try exercise(yaml) } == refusal)
    }

    @Test func zeroToleranceIsExact() throws {
        let yaml = "title: T\nquestions:\n  - {id: c, kind: conv2d-cell, input: \"1 2; 3 4\", kernel: \"0.1\", cell: [1, 1], tolerance: 0}"
        let ex = try exercise(yaml)
        #expect(Grader.grade(submission("answers: {c: 0.1}"), exercise: ex).questions[0].correct)
        #expect(!Grader.grade(submission("answers: {c: 0.1000001}"), exercise: ex).questions[0].correct)
    }
}
