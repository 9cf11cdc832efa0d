import LessonCore

extension Counted {
    /// Points as reports write them (`GradeReport.points`) with "point" or "points".
    public static func points(_ value: Double) -> String {
        "\(GradeReport.points(value)) \(value == 1 ? "point" : "points")"
    }
}
