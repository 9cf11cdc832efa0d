import Foundation
import LessonLibrary

extension GradeReport {
    /// The report as pretty JSON with sorted snake_case keys: the same bytes for the same
    /// results. Written by hand (`JSONOutput`) because a report may hold 10,000 students.
    public func json() -> Data {
        // Each student's object is written on its own core, then joined in order.
        let slots = Slots<[UInt8]>(count: students.count)
        let students = self.students
        DispatchQueue.concurrentPerform(iterations: students.count) { i in
            var fragment = JSONOutput(depth: 2, capacity: 4096)
            fragment.object { o in students[i].writeJSON(&o) }
            slots.set(i, fragment.bytes)
        }
        let fragments = slots.values.map { $0 ?? [] }
        var out = JSONOutput(capacity: fragments.reduce(4096) { $0 + $1.count + 8 })
        out.object { o in
            o.field("duplicates", array: duplicates.count) { a, i in
                let d = duplicates[i]
                a.itemObject { o in
                    o.field("graded", d.graded); o.field("ignored", strings: d.ignored); o.field("student", d.student)
                }
            }
            o.field("exercise", exercise)
            o.field("max_points", maxPoints)
            o.field("questions", array: questions.count) { a, i in
                let q = questions[i]
                a.itemObject { o in
                    o.field("id", q.id); o.field("kind", q.kind); o.field("points", q.points); o.field("text", q.text)
                }
            }
            o.field("skipped", array: skipped.count) { a, i in
                a.itemObject { o in o.field("file", skipped[i].file); o.field("reason", skipped[i].reason) }
            }
            o.field("students", fragments: fragments)
            o.field("summary", array: summary.count) { a, i in
                let s = summary[i]
                a.itemObject { o in
                    o.field("average_points", s.averagePoints)
                    o.field("graded", s.graded)
                    o.field("max_points", s.maxPoints)
                    o.field("missing", s.missing)
                    o.field("most_common_mistake", s.mostCommonMistake)
                    o.field("most_common_wrong", s.mostCommonWrong)
                    o.field("most_common_wrong_count", s.mostCommonWrongCount)
                    o.field("partial", s.partial)
                    o.field("question", s.question)
                    o.field("right", s.right)
                    o.field("unreadable", s.unreadable)
                    o.field("wrong", s.wrong)
                }
            }
            o.field("title", title)
        }
        out.appendNewline()
        return Data(out.bytes)
    }
}

extension StudentResult {
    /// The fields of one student, keys sorted.
    func writeJSON(_ o: inout JSONOutput) {
        o.field("error", error)
        o.field("file", file)
        o.field("max_points", maxPoints)
        o.field("note", note)
        o.field("points", points)
        o.field("questions", array: questions.count) { a, i in
            a.itemObject { o in questions[i].writeJSON(&o) }
        }
        o.field("student", student)
        o.field("superseded_by", supersededBy)
        o.field("unknown_answers", strings: unknownAnswers)
    }
}

extension QuestionResult {
    /// The fields of one result, keys sorted.
    func writeJSON(_ o: inout JSONOutput) {
        o.field("carried_forward_from", carriedForwardFrom)
        o.field("correct", correct)
        o.field("expected", expected)
        o.field("feedback", feedback)
        o.field("figure", figure)
        o.field("given", given)
        o.field("max_points", maxPoints)
        o.field("mistake", mistake)
        o.field("points", points)
        o.field("question", question)
        o.field("status", status.rawValue)
        o.field("working", strings: working)
        if let wrongCells {
            o.field("wrong_cells", array: wrongCells.count) { a, i in
                a.itemArray(wrongCells[i].count) { b, j in b.item(wrongCells[i][j]) }
            }
        }
    }
}

extension JSONOutput {
    /// A final line break, as text files end.
    mutating func appendNewline() { bytes.append(UInt8(ascii: "\n")) }
}
