/// The gradebook as a CSV file that Canvas's gradebook import reads without editing.
///
/// Columns `Student, ID, SIS User ID, SIS Login ID, Section` come first, as in Canvas's own
/// gradebook export, then a `Points Possible` row, then one row per student. By default one
/// column holds the exercise's total, named by the exercise's title, so Canvas creates one new
/// assignment per exercise; a column name ending in "(number)" is read by Canvas as the id of
/// an existing assignment, so a title that ends so has its parentheses turned into brackets,
/// and the suffix is written only when the teacher gives a real assignment id. `perQuestion`
/// writes one column per question instead ("<title>: <question id>"), a new assignment each.
///
/// Without a roster, `Student` is the student id of the answer file, `ID` (Canvas's own
/// numeric user id, unknown here) is empty and `SIS User ID` holds the student id, so Canvas
/// matches students by SIS id. With a roster (a Canvas gradebook export), every column holds
/// the platform's own values, roster students without a file get an empty cell (Canvas then
/// leaves their grade unchanged) and files without a roster student are left out.
/// Fields are quoted when they hold a comma, quote or line break (RFC 4180); lines end with CRLF.
public enum GradebookCSV {
    /// What the gradebook holds.
    public struct Options: Sendable {
        /// One column per question instead of one per exercise.
        public var perQuestion: Bool
        /// The id of an existing Canvas assignment to fill, written as "<title> (<id>)".
        public var canvasAssignmentID: String?
        public init(perQuestion: Bool = false, canvasAssignmentID: String? = nil) {
            self.perQuestion = perQuestion
            self.canvasAssignmentID = canvasAssignmentID
        }
    }

    /// The CSV text of `report`, matched with `roster` when one is given.
    public static func render(_ report: GradeReport, roster: RosterMatch? = nil, options: Options = Options()) -> String {
        var out = ""
        out.reserveCapacity(64 * (report.students.count + 2) * (report.questions.count + 6))
        let title = columnTitle(report.title.isEmpty ? report.exercise : report.title)
        let gradeColumns: [String]
        let possible: [String]
        if options.perQuestion {
            gradeColumns = report.questions.map { "\(title): \($0.id)" }
            possible = report.questions.map { GradeReport.points($0.points) }
        } else {
            gradeColumns = [title + (options.canvasAssignmentID.map { " (\($0))" } ?? "")]
            possible = [GradeReport.points(report.maxPoints)]
        }
        append(["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + gradeColumns, to: &out)
        append(["    Points Possible", "", "", "", ""] + possible, to: &out)
        func grades(_ result: StudentResult?) -> [String] {
            guard let result else { return Array(repeating: "", count: gradeColumns.count) }
            return options.perQuestion ? result.questions.map { GradeReport.points($0.points) } : [GradeReport.points(result.points)]
        }
        if let roster {
            for row in roster.rows {
                let s = row.student
                append([s.name.isEmpty ? s.displayID : s.name, s.canvasID, s.sisID, s.login, s.section] + grades(row.result), to: &out)
            }
        } else {
            for student in report.gradebookStudents {
                append([student.student, "", student.student, "", ""] + grades(student), to: &out)
            }
        }
        return out
    }

    /// A title Canvas reads as a new assignment's name: a trailing "(digits)" becomes "[digits]".
    static func columnTitle(_ title: String) -> String {
        guard title.hasSuffix(")"), let open = title.lastIndex(of: "(") else { return title }
        let inside = title[title.index(after: open)..<title.index(before: title.endIndex)]
        guard !inside.isEmpty, inside.allSatisfy(\.isNumber) else { return title }
        return String(title[..<open]) + "[" + inside + "]"
    }

    static func append(_ fields: [String], to out: inout String) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out += "," }
            out += quoted(field)
        }
        out += "\r\n"
    }

    /// A field, quoted if it needs to be. A leading `=`, `+`, `-` or `@` is prefixed with `'`
    /// so a spreadsheet never runs a student id as a formula (unless `defusingFormulas` is
    /// false: a file only this program reads back, such as an autograder's roster).
    static func quoted(_ field: String, defusingFormulas: Bool = true) -> String {
        var text = field
        if defusingFormulas, let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
