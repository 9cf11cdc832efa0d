import LessonCore

/// A count with its noun in the right number, for every grader message: "1 question",
/// "9 questions", "1 point", "0.5 points", "20,000 variants".
public enum Counted {
    /// `count` and the noun, plural unless the count is 1 (`plural` defaults to the noun + "s").
    public static func of(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(Notation.grouped(count)) \(count == 1 ? singular : plural ?? singular + "s")"
    }

    /// Points as reports write them (`GradeReport.points`) with "point" or "points".
    public static func points(_ value: Double) -> String {
        "\(GradeReport.points(value)) point\(value == 1 ? "" : "s")"
    }
}
