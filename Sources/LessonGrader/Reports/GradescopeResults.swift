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
    public func json() throws -> Data {
        try ReportWriter.encoder.encode(self)
    }
}
