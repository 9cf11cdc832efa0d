import LessonFigures

/// The figures of one lesson variant, ready to render into `output/<lesson>[/<variant>]/`.
public struct FigureJob: Sendable {
    /// The lesson id and variant name.
    public var lesson: String
    public var variant: String
    /// A title for the filmstrip ("2D convolution: the 5×5 example, variant stride-2").
    public var title: String
    /// The figures, in the order a reader steps through them.
    public var figures: [Figure]

    /// Creates a job.
    public init(lesson: String, variant: String, title: String, figures: [Figure]) {
        self.lesson = lesson
        self.variant = variant
        self.title = title
        self.figures = figures
    }
}
