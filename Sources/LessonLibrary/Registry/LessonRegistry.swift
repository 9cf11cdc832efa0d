/// Every lesson the tool knows, in the order `lesson list`, `lesson run --help`, `lesson figures`
/// and the README's table go through them. Add a new lesson here (see `Lesson`).
public enum LessonRegistry {
    public static let lessons: [any Lesson.Type] = [
        Conv2DLesson.self,
        Conv2DBackwardLesson.self,
        PoolingLesson.self,
        Conv1DLesson.self,
        Conv2DModesLesson.self,
        ConvArithmeticLesson.self,
        ConvChannelsLesson.self,
        MLPLesson.self,
        BackpropLesson.self,
        PerceptronLesson.self,
        AutodiffLesson.self,
        ActivationsLesson.self,
        ConvMatrixLesson.self,
        ConvTransposeLesson.self,
        SeparableLesson.self,
        ImageFiltersLesson.self,
        CNNLesson.self,
        ParamCountLesson.self,
        RNNLesson.self,
        LSTMLesson.self,
        GradientDescentLesson.self,
        OptimizersLesson.self,
    ]

    /// The version of the tool and its lessons, for `lesson --version`.
    public static let version = "0.4.0"

    /// The ids of the lessons, in registry order.
    public static var ids: [String] { lessons.map { $0.id } }

    /// The lesson with this id, if there is one.
    public static func lesson(_ id: String) -> (any Lesson.Type)? {
        lessons.first { $0.id == id }
    }

    /// The README's lesson table: one row per lesson with its id and abstract.
    public static var markdownTable: String {
        (["| lesson | what it traces |", "|---|---|"] + lessons.map { "| `\($0.id)` | \($0.abstract) |" })
            .joined(separator: "\n")
    }
}
