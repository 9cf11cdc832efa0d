import LessonCore

/// How one student did on one question.
public struct QuestionResult: Equatable, Sendable, Encodable {
    /// What happened.
    public enum Status: String, Equatable, Sendable, Encodable {
        case correct, partial, wrong, missing, unreadable
    }

    /// The question id.
    public var question: String
    public var points: Double
    public var maxPoints: Double
    public var status: Status
    /// Whether the answer is fully right.
    public var correct: Bool { status == .correct }
    /// The expected answer, unless the exercise hides answers.
    public var expected: String?
    /// The answer as read (or as written, when it could not be read).
    public var given: String?
    /// One or two sentences for the student.
    public var feedback: String
    /// The known mistake the answer matches, if any.
    public var mistake: String?
    /// The working of the expected answer, for an answer that is not right (unless hidden).
    public var working: [String]?
    /// Wrong cells of a matrix answer, 1-based [row, column] (a vector's cells as [1, i]).
    public var wrongCells: [[Int]]?
    /// The PNG of the wrong cells, relative to the report folder, once written.
    public var figure: String?
    /// What the figure of wrong cells needs; not part of the report.
    public var matrixDetail: MatrixDetail?
    /// The expected answer and working held back because answers are hidden: never in the
    /// report or the feedback, only in Gradescope tests shown once grades are published.
    public var withheld: Withheld?
    /// The question whose wrong answer this answer follows correctly from (error carried forward).
    public var carriedForwardFrom: String?

    private enum CodingKeys: String, CodingKey {
        case question, points, maxPoints, status, correct, expected, given, feedback, mistake, working, wrongCells, figure
        case carriedForwardFrom
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(question, forKey: .question)
        try c.encode(points, forKey: .points)
        try c.encode(maxPoints, forKey: .maxPoints)
        try c.encode(status, forKey: .status)
        try c.encode(correct, forKey: .correct)
        try c.encodeIfPresent(expected, forKey: .expected)
        try c.encodeIfPresent(given, forKey: .given)
        try c.encode(feedback, forKey: .feedback)
        try c.encodeIfPresent(mistake, forKey: .mistake)
        try c.encodeIfPresent(working, forKey: .working)
        try c.encodeIfPresent(wrongCells, forKey: .wrongCells)
        try c.encodeIfPresent(figure, forKey: .figure)
        try c.encodeIfPresent(carriedForwardFrom, forKey: .carriedForwardFrom)
    }
}

/// A matrix answer with wrong cells: the student's matrix, the expected one, which cells are
/// wrong and the step-by-step of the first wrong cell. Read by `WrongCellsFigure`.
public struct MatrixDetail: Equatable, Sendable {
    public var given: Tensor
    public var expected: Tensor
    /// 0-based row-major indices of the wrong cells.
    public var wrong: [Int]
    /// The working of the first wrong cell.
    public var firstWrongWorking: String?
    /// The known mistake the whole matrix matches, if any.
    public var mistake: String?
}
