import LessonCore

/// The closing lines of a lesson's text on the values its file states: nothing when it states
/// none; one line naming what was checked when the recomputation agrees; else every mismatch.
enum LessonChecks {
    /// `stated` names each kind of stated value ("the stated output (9 cells)"), joined by `separator`.
    static func lines(_ mismatches: [Mismatch], stated: [String], separator: String = " and ") -> [String] {
        guard !stated.isEmpty else { return [] }
        if mismatches.isEmpty {
            return ["", "Checked against the lesson file, and in agreement with the recomputation: \(stated.joined(separator: separator))."]
        }
        return ["", "\(mismatches.count) \(Counted.noun(mismatches.count, "mismatch", plural: "mismatches")) between the lesson file and the recomputation:"]
            + mismatches.map { "  " + $0.description.replacingOccurrences(of: "\n", with: "\n  ") }
    }

    /// For `checked` stated values counted alike: "3 stated values".
    static func lines(_ mismatches: [Mismatch], checked: Int) -> [String] {
        lines(mismatches, stated: checked == 0 ? [] : ["\(checked) stated \(Counted.noun(checked, "value"))"])
    }
}
