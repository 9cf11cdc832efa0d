/// An expected answer and its working, held back from the student until answers are published:
/// never in feedback, `report.json` or figures; only in Gradescope tests whose visibility is
/// `after_published` or `after_due_date`.
public struct Withheld: Equatable, Sendable {
    /// The expected answer as feedback would print it.
    public var expected: String
    /// How it is computed, step by step.
    public var working: [String]
}
