/// The grades as a CSV file for Moodle's "Import grades from CSV": one identifier column and
/// one grade column (the exercise's total, named by its title), nothing else, so Moodle's
/// import maps it without editing: "Map from" the identifier column "Map to" the user field
/// the column holds, and the grade column to a new grade item.
///
/// The identifier is the e-mail address when a roster gives one for every matched student
/// (column `Email address`, mapped to "Email address"), else the roster's username or ID
/// number. When no kind is known for every student, each kind some have gets its own column
/// (`Email address`, `Username`, `ID number`), never one column of mixed kinds. Without a
/// roster it is the answer file's student id (column `Username`, mapped to "Username";
/// rename it `ID number` if your students write their ID number). Roster students without a
/// file are left out (Moodle then leaves their grade unchanged).
public enum MoodleCSV {
    /// The CSV text of `report`, matched with `roster` when one is given.
    public static func render(_ report: GradeReport, roster: RosterMatch? = nil) -> String {
        let title = report.title.isEmpty ? report.exercise : report.title
        var out = ""
        if let roster {
            let matched = roster.rows.filter { $0.result != nil }
            let kinds: [(String, (Roster.Student) -> String)] = [("Email address", \.email), ("Username", \.login), ("ID number", \.sisID)]
            var columns: [(String, (Roster.Student) -> String)]
            if let every = kinds.first(where: { kind in !matched.isEmpty && matched.allSatisfy { !kind.1($0.student).isEmpty } }) {
                columns = [every]
            } else {
                // No identifier every matched student has: one column per kind some have, each
                // under its Moodle user field, so no column mixes e-mails with ID numbers (which
                // Moodle matches to nobody); import once mapping each column.
                columns = kinds.filter { kind in matched.contains { !kind.1($0.student).isEmpty } }
                if columns.isEmpty { columns = [("Username", \.displayID)] }
            }
            GradebookCSV.append(columns.map(\.0) + [title], to: &out)
            for row in matched {
                guard let result = row.result else { continue }
                GradebookCSV.append(columns.map { $0.1(row.student) } + [GradeReport.points(result.points)], to: &out)
            }
        } else {
            GradebookCSV.append(["Username", title], to: &out)
            for student in report.gradebookStudents {
                GradebookCSV.append([student.student, GradeReport.points(student.points)], to: &out)
            }
        }
        return out
    }
}
