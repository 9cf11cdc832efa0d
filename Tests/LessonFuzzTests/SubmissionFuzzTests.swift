import LessonTestSupport
import Foundation
import Testing
import LessonCore
import LessonLibrary
import LessonGrader

/// Seeded submissions for every shipped exercise: each well-formed file (YAML or JSON, LF or
/// CRLF, with or without a byte-order mark, with or without a matching `student:`) gets full
/// points; mutated files are graded or refused with one sentence, never a crash or a hang.
@Suite struct SubmissionFuzzTests {
    static let exercises = ["param-count", "output-sizes", "conv-5x5", "pooling", "backprop-step"]

    func load(_ id: String) throws -> Exercise {
        try Exercise.load(packageRoot.appendingPathComponent("exercises/\(id).yaml"), displayName: "exercises/\(id).yaml")
    }

    /// The answer as a student would write it in YAML or JSON.
    func written(_ answer: Answer, json: Bool) -> String {
        let quoted = { (s: String) in "\"" + s + "\"" }
        switch answer {
        case .integer(let n): return String(n)
        case .number(let x): return String(x)
        case .matrix(let m):
            let columns = m.shape.last ?? 1
            let rows = stride(from: 0, to: m.scalars.count, by: max(columns, 1)).map { start in
                m.scalars[start..<min(start + columns, m.scalars.count)].map { String($0) }.joined(separator: " ")
            }
            return quoted(rows.joined(separator: "; "))
        case .shape(let s): return "[" + s.map(String.init).joined(separator: ", ") + "]"
        case .choice(let c): return quoted(c)
        }
    }

    /// A right answer file for `student`, in a form chosen by `g`.
    func rightFile(_ exercise: Exercise, student: String, _ g: inout SplitMix64) throws -> String {
        let prepared = try exercise.prepared(for: student)
        let json = Bool.random(using: &g)
        let pairs = zip(exercise.questions, prepared).map { ($0.id, written($1.expected, json: json)) }.shuffled(using: &g)
        let includeStudent = Bool.random(using: &g)
        var text: String
        if json {
            text = "{" + (includeStudent ? "\"student\": \"\(student)\", " : "") + "\"answers\": {"
                + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}}"
        } else {
            text = (includeStudent ? "student: \(student)\n" : "") + "# answers\nanswers:\n"
                + pairs.map { "  \($0.0): \($0.1)" }.joined(separator: "\n") + "\n"
        }
        if Bool.random(using: &g) { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
        if Bool.random(using: &g) { text = "\u{FEFF}" + text }
        return text
    }

    @Test func everyWellFormedSubmissionIsGradedRight() throws {
        for id in Self.exercises {
            let exercise = try load(id)
            var submissions: [Submission] = []
            for seed in UInt64(1)...30 {
                var g = SplitMix64(seed: seed)
                let student = "s\(seed)"
                let text = try rightFile(exercise, student: student, &g)
                submissions.append(Submission.parse(Data(text.utf8), file: "\(student).yaml", fallbackID: student))
            }
            let report = Grader.grade(submissions: submissions, exercise: exercise)
            #expect(report.duplicates.isEmpty)
            for student in report.students {
                #expect(student.error == nil, "\(id) \(student.student): \(student.error ?? "")")
                #expect(student.note == nil, "\(id) \(student.student): \(student.note ?? "")")
                #expect(student.points == exercise.maxPoints,
                        "\(id) \(student.student): \(student.points) of \(exercise.maxPoints); \(student.questions.filter { !$0.correct }.map { "\($0.question): \($0.feedback)" })")
            }
        }
    }

    @Test func mutatedSubmissionsAreGradedOrRefusedInOneSentence() throws {
        for id in Self.exercises {
            let exercise = try load(id)
            var submissions: [Submission] = []
            for seed in UInt64(1)...60 {
                var g = SplitMix64(seed: seed &* 7919)
                let student = "m\(seed)"
                let text = mutated(try rightFile(exercise, student: student, &g), &g, edits: Int.random(in: 1...5, using: &g))
                submissions.append(Submission.parse(Data(text.utf8), file: "\(student).yaml", fallbackID: student))
            }
            let report = Grader.grade(submissions: submissions, exercise: exercise)
            for student in report.students {
                #expect(student.student.hasPrefix("m"), "the file name decides the id: \(Excerpt.quote(student.student))")
                #expect((0...exercise.maxPoints).contains(student.points))
                if let error = student.error { expectOneSentence(error, limit: 300, "\(id) \(student.student)") }
                for question in student.questions { expectOneSentence(question.feedback, limit: 2_000, "\(id) \(student.student) \(question.question)") }
            }
            expectOneSentence(report.summaryText.replacingOccurrences(of: "\n", with: " "), limit: 4_000, "\(id) summary")
        }
    }
}
