import Foundation

/// A Gradescope autograder `results.json` for one student: the score and one test per question
/// (name, score, max_score, output), as Gradescope's autograder specification describes.
public struct GradescopeResults: Encodable, Equatable {
    /// One question as a Gradescope test.
    public struct Test: Encodable, Equatable {
        public var name: String
        public var score: Double
        public var maxScore: Double
        public var output: String
        public var status: String
    }

    public var score: Double
    public var output: String?
    public var tests: [Test]

    /// The results of one student.
    public init(_ student: StudentResult, report: GradeReport) {
        score = student.points
        output = student.error.map { "The answer file \(student.file) \($0)" }
        tests = zip(student.questions, report.questions).map { result, question in
            var text = result.feedback
            if let expected = result.expected, !result.correct { text += "\nexpected: \(expected)" }
            if let given = result.given { text += "\ngiven: \(given)" }
            return Test(name: question.text.isEmpty ? question.id : "\(question.id): \(question.text)",
                        score: result.points, maxScore: result.maxPoints, output: text,
                        status: result.correct ? "passed" : "failed")
        }
    }

    /// The JSON bytes (sorted keys, snake_case), the same for the same results.
    public func json() -> Data {
        var out = JSONOutput(capacity: 4096)
        out.object { o in
            o.field("output", output)
            o.field("score", score)
            o.field("tests", array: tests.count) { a, i in
                let t = tests[i]
                a.itemObject { o in
                    o.field("max_score", t.maxScore)
                    o.field("name", t.name)
                    o.field("output", t.output)
                    o.field("score", t.score)
                    o.field("status", t.status)
                }
            }
        }
        out.appendNewline()
        return Data(out.bytes)
    }
}
