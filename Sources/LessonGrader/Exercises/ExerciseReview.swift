import LessonCore

/// What a teacher reviews before publishing an exercise (`lesson exercise check`): each
/// question's kind, points and whether its answer is hidden, then every student's expected
/// answers, one line per student, so a range that gives an odd variant shows at once.
public struct ExerciseReview: Sendable {
    /// The review as text.
    public let text: String
    /// Students whose variant cannot be prepared (a range that gives impossible numbers).
    public let failures: [String]

    /// The review of `exercise` for `students` (none: the instructor's variant, an empty id).
    public init(_ exercise: Exercise, students: [String]) {
        var lines = ["\(exercise.file): '\(exercise.title)' is valid: \(Counted.of(exercise.questions.count, "question")), \(Counted.points(exercise.maxPoints))."]
        for (index, question) in exercise.questions.enumerated() {
            var line = "  \(index + 1). \(question.id) (\(question.kind), \(Counted.points(question.points))"
            if question.hasVariants { line += ", numbers per student" }
            if question.hidesAnswer { line += ", answer hidden" }
            if !question.carryForward.isEmpty {
                line += ", error carried forward from " + question.carryForward.sorted { $0.key < $1.key }.map { "\($0.value) (\($0.key))" }.joined(separator: ", ")
            }
            lines.append(line + ")")
        }
        let ids = students.isEmpty ? [""] : students
        var failures: [String] = []
        lines.append("")
        lines.append(students.isEmpty ? "Expected answers (the instructor's variant):" : "Expected answers of \(Counted.of(ids.count, "student")):")
        for id in ids {
            do {
                let prepared = try exercise.prepared(for: id)
                let answers = zip(exercise.questions, prepared).map { "\($0.id) = \($1.expected.text)" }
                lines.append((id.isEmpty ? "  (instructor)" : "  \(id)") + ": " + answers.joined(separator: "; "))
            } catch let error as InputError {
                lines.append("  \(id): cannot be prepared: \(error.message)")
                failures.append(id)
            } catch {
                lines.append("  \(id): cannot be prepared: \(error)")
                failures.append(id)
            }
        }
        text = lines.joined(separator: "\n")
        self.failures = failures
    }
}
