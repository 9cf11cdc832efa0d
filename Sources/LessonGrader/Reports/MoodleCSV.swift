/// The grades as a CSV file for Moodle's "Import grades from CSV": one identifier column and
/// one grade column (the exercise's total, named by its title), nothing else, so Moodle's
/// import maps it without editing: "Map from" the identifier column "Map to" the user field
/// the column holds, and the grade column to a new grade item.
///
/// The identifier is the e-mail address when a roster gives one for every matched student
/// (column `Email address`, mapped to "Email address"), else the roster's username or ID
/// number, else the answer file's student id (column `Username`, mapped to "Username";
/// rename it `ID number` if your students write their ID number). Roster students without a
/// file are left out (Moodle then leaves their grade unchanged).
public enum MoodleCSV {
    /// The CSV text of `report`, matched with `roster` when one is given.
    public static func render(_ report: GradeReport, roster: RosterMatch? = nil) -> String {
        let title = report.title.isEmpty ? report.exercise : report.title
        var out = ""
        if let roster {
            let matched = roster.rows.filter { $0.result != nil }
            let field: (String, (Roster.Student) -> String)
            if !matched.isEmpty, matched.allSatisfy({ !$0.student.email.isEmpty }) {
                field = ("Email address", \.email)
            } else if !matched.isEmpty, matched.allSatisfy({ !$0.student.login.isEmpty }) {
                field = ("Username", \.login)
            } else if !matched.isEmpty, matched.allSatisfy({ !$0.student.sisID.isEmpty }) {
                field = ("ID number", \.sisID)
            } else {
                field = ("Username", \.displayID)
            }
            GradebookCSV.append([field.0, title], to: &out)
            for row in matched {
                guard let result = row.result else { continue }
                GradebookCSV.append([field.1(row.student), GradeReport.points(result.points)], to: &out)
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
