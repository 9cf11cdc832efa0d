/// The grades as a CSV file for Moodle's "Import grades from CSV": one identifier column and
/// one grade column (the exercise's total, named by its title), nothing else, so Moodle's
/// import maps it without editing: "Map from" the identifier column "Map to" the user field
/// the column holds, and the grade column to a new grade item.
///
/// The identifier is the e-mail address when a roster gives one for every matched student
/// (column `Email address`, mapped to "Email address"), else the roster's username or ID
/// number. When no kind is known for every student, each student goes under the first kind
/// they have, one file per kind (`moodle.csv`, then `moodle-username.csv`,
/// `moodle-id-number.csv`), so no column mixes kinds and no cell is empty (Moodle's import
/// gives a row with an empty identifier to the row before's student). Without a roster it is
/// the answer file's student id (column `Username`, mapped to "Username"; rename it
/// `ID number` if your students write their ID number). Roster students without a
/// file are left out (Moodle then leaves their grade unchanged).
public enum MoodleCSV {
    /// The files written besides moodle.csv when the roster has no kind of identifier for everyone.
    static let perKindFiles = ["moodle-email.csv", "moodle-username.csv", "moodle-id-number.csv"]

    /// One file for Moodle: its name, its identifier column, the rows it holds and each row's identifier.
    private typealias Part = (name: String, header: String, rows: [RosterMatch.Row], id: (Roster.Student) -> String)

    /// The files a grading run with `roster` writes for Moodle, `moodle.csv` first: one, or one
    /// per kind of identifier when no kind is known for every graded student.
    private static func parts(_ roster: RosterMatch) -> [Part] {
        let matched = roster.rows.filter { $0.result != nil }
        let kinds: [(header: String, file: String, id: (Roster.Student) -> String)] = [
            ("Email address", "moodle-email.csv", \.email), ("Username", "moodle-username.csv", \.login),
            ("ID number", "moodle-id-number.csv", \.sisID),
        ]
        if let every = kinds.first(where: { kind in !matched.isEmpty && matched.allSatisfy { !kind.id($0.student).isEmpty } }) {
            return [("moodle.csv", every.header, matched, every.id)]
        }
        // Each student under the first kind they have; one with none under Username, by their id.
        var groups: [[RosterMatch.Row]] = Array(repeating: [], count: kinds.count)
        for row in matched {
            groups[kinds.firstIndex { !$0.id(row.student).isEmpty } ?? 1].append(row)
        }
        var out: [Part] = []
        for (index, kind) in kinds.enumerated() where !groups[index].isEmpty {
            let id: (Roster.Student) -> String = index == 1 ? { $0.login.isEmpty ? $0.displayID : $0.login } : kind.id
            out.append((out.isEmpty ? "moodle.csv" : kind.file, kind.header, groups[index], id))
        }
        return out.isEmpty ? [("moodle.csv", "Username", [], \.displayID)] : out
    }

    /// The names of the files `files` writes, without writing their text.
    public static func fileNames(roster: RosterMatch) -> [String] { parts(roster).map(\.name) }

    /// The files a grading run with `roster` writes for Moodle, `moodle.csv` first: one, or one
    /// per kind of identifier when no kind is known for every graded student.
    public static func files(_ report: GradeReport, roster: RosterMatch) -> [(name: String, text: String)] {
        let title = report.title.isEmpty ? report.exercise : report.title
        return parts(roster).map { part in
            var out = ""
            GradebookCSV.append([part.header, title], to: &out)
            for row in part.rows {
                if let result = row.result { GradebookCSV.append([part.id(row.student), GradeReport.points(result.points)], to: &out) }
            }
            return (part.name, out)
        }
    }

    /// The CSV text of `report`, matched with `roster` when one is given.
    public static func render(_ report: GradeReport, roster: RosterMatch? = nil) -> String {
        let title = report.title.isEmpty ? report.exercise : report.title
        var out = ""
        if let roster {
            return files(report, roster: roster)[0].text
        } else {
            GradebookCSV.append(["Username", title], to: &out)
            for student in report.gradebookStudents {
                GradebookCSV.append([student.student, GradeReport.points(student.points)], to: &out)
            }
        }
        return out
    }
}
