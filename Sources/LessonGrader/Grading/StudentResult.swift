/// How one student did on an exercise.
public struct StudentResult: Equatable, Sendable, Encodable {
    /// The student id.
    public var student: String
    /// The answer file.
    public var file: String
    /// Why the file could not be graded at all, if it could not.
    public var error: String?
    /// The sum of the question points.
    public var points: Double
    public var maxPoints: Double
    /// One result per question, in the exercise's order.
    public var questions: [QuestionResult]
    /// Answers to ids the exercise does not have (probably typos).
    public var unknownAnswers: [String]
}
