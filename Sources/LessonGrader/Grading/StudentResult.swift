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
    /// Why the file's own `student:` field was not obeyed, if it disagreed with the id.
    public var note: String? = nil
    /// When the file was handed in (its `submitted` field, else its modification time), in
    /// seconds since 1970; orders two files of one student.
    public var submittedAt: Double? = nil
    /// The file graded instead of this one, when the student handed in more than one.
    public var supersededBy: String? = nil
    /// The file's own `exercise:` field, which names the exercise its sheet was drawn for.
    public var declaredExercise: String? = nil
}
