import LessonCore

/// A grading run's students matched with a roster: one row per roster student (with their
/// graded file, if any) and the graded files whose student id matches no roster student.
public struct RosterMatch: Sendable {
    /// A roster student and the result of their file (nil: no file).
    public struct Row: Sendable {
        public var student: Roster.Student
        public var result: StudentResult?
    }

    public let roster: Roster
    /// In roster order.
    public let rows: [Row]
    /// Graded files whose student id is not in the roster, sorted by student id.
    public let unmatched: [StudentResult]
    /// Roster students matched by two or more graded files (the first, by student id then file, is used).
    public let ambiguous: [String]

    /// Matches the report's graded students (`gradebookStudents`) with the roster.
    public init(roster: Roster, report: GradeReport) {
        self.roster = roster
        var byStudent: [Roster.Student: StudentResult] = [:]
        var unmatched: [StudentResult] = []
        var ambiguous: [String] = []
        for result in report.gradebookStudents {
            guard let student = roster.student(matching: result.student) else { unmatched.append(result); continue }
            if byStudent[student] != nil { ambiguous.append(student.displayID); continue }
            byStudent[student] = result
        }
        rows = roster.students.map { Row(student: $0, result: byStudent[$0]) }
        self.unmatched = unmatched
        self.ambiguous = ambiguous
    }

    /// Roster students with no graded file.
    public var withoutSubmission: [Roster.Student] { rows.filter { $0.result == nil }.map(\.student) }

    /// Lines for the terminal: how many matched, who has no file, which files have no student.
    public var summaryLines: [String] {
        var lines = ["Roster \(roster.file) (\(roster.format.rawValue)): \(Notation.grouped(rows.count - withoutSubmission.count)) of \(Counted.of(rows.count, "student")) \(rows.count - withoutSubmission.count == 1 ? "has" : "have") a graded file."]
        let missing = withoutSubmission
        if !missing.isEmpty {
            lines.append("  no file from \(missing.count): " + missing.map { $0.name.isEmpty ? Excerpt.quote($0.displayID) : "\(Excerpt.quote($0.name)) (\(Excerpt.quote($0.displayID)))" }.joined(separator: "; "))
        }
        if !unmatched.isEmpty {
            lines.append("  files with no roster student (\(unmatched.count)): " + unmatched.map { "\(Excerpt.quote($0.file)) (student '\(Excerpt.quote($0.student))')" }.joined(separator: "; "))
        }
        if !roster.shared.isEmpty {
            lines.append("  warning: the roster gives more than one student the id " + roster.shared.map { "'\(Excerpt.quote($0))'" }.joined(separator: ", ")
                         + "; a file named so is matched to none of them: correct the roster")
        }
        if !ambiguous.isEmpty {
            lines.append("  matched by more than one file (the first is used): " + ambiguous.map { Excerpt.quote($0) }.joined(separator: ", "))
        }
        return lines
    }
}
