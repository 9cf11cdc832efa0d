import Foundation

/// A Gradescope autograder `results.json` for one student, as Gradescope's autograder
/// specification describes it: the total `score`, `output` (a file that could not be read, and
/// the note on whose file it is),
/// `output_format` and `test_output_format` (`text`), `visibility` and `stdout_visibility`,
/// and one test per question with `name`, `number`, `score`, `max_score`, `status`
/// (`passed`/`failed`), `output` and `visibility`.
///
/// A question's test shows the feedback, the answer as read and, for an answer that is not
/// right, the expected answer and its working. When the exercise hides answers, the test
/// shows the feedback only, and a second test of 0 points, named "<question>: answer and
/// working", holds the expected answer and the working with the visibility `reveal`
/// (`after_published` by default, or `after_due_date`), so students see it once the teacher
/// publishes the grades.
public struct GradescopeResults: Equatable {
    /// When withheld answers become visible to students.
    public enum Reveal: String, Sendable, CaseIterable {
        case afterPublished = "after_published"
        case afterDueDate = "after_due_date"
    }

    /// One question (or its withheld answer) as a Gradescope test.
    public struct Test: Equatable {
        public var name: String
        public var number: String
        public var score: Double
        public var maxScore: Double
        public var output: String
        public var status: String
        public var visibility: String
    }

    public var score: Double
    public var output: String?
    public var tests: [Test]

    /// The results of one student.
    public init(_ student: StudentResult, report: GradeReport, reveal: Reveal = .afterPublished) {
        score = student.points
        // The top-level output: why the file could not be graded, and any note on whose file it
        // is (a student: key that was not obeyed, how Gradescope's submitter was matched).
        let lines = [student.error.map { "The answer file \(student.file) \($0)" }, student.note.map { "Note: \($0)." }].compactMap { $0 }
        output = lines.isEmpty ? nil : lines.joined(separator: "\n")
        var tests: [Test] = []
        for (index, (result, question)) in zip(student.questions, report.questions).enumerated() {
            var text = result.feedback
            if let given = result.given { text += "\ngiven: \(given)" }
            if let expected = result.expected, !result.correct { text += "\nexpected: \(expected)" }
            if let working = result.working, !result.correct, !working.isEmpty {
                text += "\nworking:\n" + working.map { "  " + $0 }.joined(separator: "\n")
            }
            let name = question.text.isEmpty ? question.id : "\(question.id): \(question.text)"
            tests.append(Test(name: name, number: String(index + 1), score: result.points, maxScore: result.maxPoints,
                              output: text, status: result.correct ? "passed" : "failed", visibility: "visible"))
            if let withheld = result.withheld {
                let working = withheld.working.map { "  " + $0 }.joined(separator: "\n")
                tests.append(Test(name: "\(question.id): answer and working", number: "\(index + 1).1", score: 0, maxScore: 0,
                                  output: "expected: \(withheld.expected)" + (working.isEmpty ? "" : "\nworking:\n" + working),
                                  status: "passed", visibility: reveal.rawValue))
            }
        }
        self.tests = tests
    }

    /// The JSON bytes (sorted keys, snake_case), the same for the same results.
    public func json() -> Data {
        var out = JSONOutput(capacity: 4096)
        out.object { o in
            o.field("output", output)
            o.field("output_format", "text")
            o.field("score", score)
            o.field("stdout_visibility", "hidden")
            o.field("test_output_format", "text")
            o.field("tests", array: tests.count) { a, i in
                let t = tests[i]
                a.itemObject { o in
                    o.field("max_score", t.maxScore)
                    o.field("name", t.name)
                    o.field("number", t.number)
                    o.field("output", t.output)
                    o.field("score", t.score)
                    o.field("status", t.status)
                    o.field("visibility", t.visibility)
                }
            }
            o.field("visibility", "visible")
        }
        out.appendNewline()
        return Data(out.bytes)
    }
}
