/// The gradebook as CSV: one row per student, a column per question and the total.
///
/// Columns `Student,ID,SIS User ID,SIS Login ID,Section` come first, as in a Canvas gradebook
/// export, so Canvas matches rows by SIS User ID (the student id) and treats the other columns
/// as assignments; Moodle's CSV import maps `SIS User ID` to the ID number. Fields are quoted
/// when they hold a comma, quote or line break (RFC 4180); lines end with CRLF.
public enum GradebookCSV {
    /// The CSV text of `report`.
    public static func render(_ report: GradeReport) -> String {
        var out = ""
        out.reserveCapacity(64 * (report.students.count + 1) * (report.questions.count + 6))
        let header = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
            + report.questions.map { "\(report.exercise) \($0.id) (\(GradeReport.points($0.points)))" }
            + ["\(report.exercise) total (\(GradeReport.points(report.maxPoints)))"]
        append(header, to: &out)
        for student in report.gradebookStudents {
            let row = [student.student, "", student.student, "", ""]
                + student.questions.map { GradeReport.points($0.points) }
                + [GradeReport.points(student.points)]
            append(row, to: &out)
        }
        return out
    }

    private static func append(_ fields: [String], to out: inout String) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out += "," }
            out += quoted(field)
        }
        out += "\r\n"
    }

    /// A field, quoted if it needs to be. A leading `=`, `+`, `-` or `@` is prefixed with `'`
    /// so a spreadsheet never runs a student id as a formula.
    static func quoted(_ field: String) -> String {
        var text = field
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
