import Foundation
import LessonCore
import LessonLibrary

/// Grades a batch of answer files against an exercise, on every core.
///
/// Each submission is read, parsed and graded on its own; a file that cannot be read gives
/// that student an error and zero points and never stops the batch. The results come back
/// sorted by student id, then file, so the same inputs always give the same report.
public enum Grader {
    /// Grades one parsed submission.
    public static func grade(_ submission: Submission, exercise: Exercise) -> StudentResult {
        var result = StudentResult(student: submission.student, file: submission.file, error: submission.error, points: 0,
                                   maxPoints: exercise.maxPoints, questions: [], unknownAnswers: [],
                                   note: submission.note, submittedAt: submission.submittedAt,
                                   declaredExercise: submission.declaredExercise)
        let prepared: [PreparedQuestion]?
        var notGraded = "not graded: the answer file \(submission.error ?? "could not be read")"
        if submission.error == nil {
            do { prepared = try exercise.prepared(for: submission.student) } catch {
                // Not the file's fault: the exercise's ranges give this student impossible numbers.
                let reason = (error as? InputError)?.message ?? "\(error)"
                let impossible = "the exercise gives student '\(Excerpt.quote(submission.student, limit: 40))' impossible numbers"
                result.error = "is not graded: \(impossible) (\(reason)); the teacher has to narrow its ranges (lesson exercise check finds them)"
                notGraded = "not graded: \(impossible)"
                prepared = nil
            }
        } else {
            prepared = nil
        }
        for (index, question) in exercise.questions.enumerated() {
            if let prepared {
                var graded = AnswerGrader.grade(submission.answers[question.id], question: question, prepared: prepared[index])
                if !graded.correct, !question.carryForward.isEmpty,
                   let carried = carriedForward(submission, question: question, exercise: exercise, earlier: result.questions,
                                                prepared: prepared) {
                    graded = carried
                }
                result.questions.append(graded)
            } else {
                result.questions.append(QuestionResult(question: question.id, points: 0, maxPoints: question.points,
                                                       status: .missing, feedback: notGraded))
            }
        }
        let known = Set(exercise.questions.map(\.id))
        result.unknownAnswers = submission.answers.keys.filter { !known.contains($0) }.sorted()
        result.points = (result.questions.reduce(0) { $0 + $1.points } * 1e6).rounded() / 1e6
        return result
    }

    /// Error carried forward: when an answer this question depends on was wrong but readable,
    /// the question is prepared again with the student's own answer in its place; an answer
    /// right for those numbers earns the full points, with feedback that says so.
    static func carriedForward(_ submission: Submission, question: Question, exercise: Exercise, earlier: [QuestionResult],
                               prepared: [PreparedQuestion]) -> QuestionResult? {
        var overriding: [String: ParameterValue] = [:]
        var sources: [String] = []
        for (key, from) in question.carryForward.sorted(by: { $0.key < $1.key }) {
            guard let index = exercise.questions.firstIndex(where: { $0.id == from }), index < earlier.count,
                  let value = submission.answers[from],
                  let answer = try? AnswerReader.read(value, like: prepared[index].expected) else { return nil }
            if earlier[index].correct { continue }
            overriding[key] = parameter(answer)
            sources.append(from)
        }
        guard !overriding.isEmpty,
              let own = try? question.prepared(exercise: exercise.id, student: submission.student, overriding: overriding) else { return nil }
        var result = AnswerGrader.grade(submission.answers[question.id], question: question, prepared: own)
        guard result.correct else { return nil }
        result.carriedForwardFrom = sources.joined(separator: ", ")
        result.feedback = "correct for your answer to \(result.carriedForwardFrom ?? "") (error carried forward)"
        return result
    }

    /// An answer as a question parameter.
    static func parameter(_ answer: Answer) -> ParameterValue {
        switch answer {
        case .integer(let n): return .scalar(String(n))
        case .number(let x): return .scalar(String(x))
        case .shape(let sizes): return .list(sizes.map { .scalar(String($0)) })
        case .choice(let key): return .scalar(key)
        case .matrix(let m):
            let rows = m.rank == 1 ? [m.scalars] : (0..<m.rows).map { r in (0..<m.columns).map { m[r, $0] } }
            return .scalar(rows.map { $0.map { String($0) }.joined(separator: " ") }.joined(separator: "; "))
        }
    }

    /// Reads and grades every file, in parallel, and returns the report.
    /// With a roster, a student id that matches a roster student (by login, SIS id or e-mail) is
    /// replaced by the id the roster's sheets use, so the numbers graded are those of the sheet.
    public static func grade(files: [SubmissionFile], exercise: Exercise, roster: Roster? = nil,
                             skipped: [SkippedFile] = []) -> GradeReport {
        let slots = Slots<StudentResult>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            var submission = Submission.read(file.url, displayName: file.displayName, student: file.student)
            if let roster { matchWithRoster(&submission, roster: roster, assigned: file.student != nil) }
            if let note = file.note { submission.note = [note, submission.note].compactMap { $0 }.joined(separator: "; ") }
            slots.set(index, grade(submission, exercise: exercise))
        }
        return GradeReport(exercise: exercise, students: slots.values.compactMap { $0 }, skipped: skipped)
    }

    /// Gives `submission` the id of its roster student: the one its id (its file's name, or the id
    /// it was given) names, else, for a file named by Canvas's "Download Submissions"
    /// (`doejana_1001_5555_answers.yaml`), the student with that Canvas user id. A `student:` key
    /// naming that same roster student agrees with it: no note then.
    static func matchWithRoster(_ submission: inout Submission, roster: Roster, assigned: Bool) {
        guard let student = roster.student(matching: submission.student)
            ?? (assigned ? nil : roster.student(canvasDownloadName: submission.student)) else { return }
        submission.student = student.displayID
        if let declared = submission.declaredStudent, roster.student(matching: declared) == student { submission.note = nil }
    }

    /// Reads and grades a collected set; its skipped entries are listed in the report.
    public static func grade(_ set: SubmissionSet, exercise: Exercise, roster: Roster? = nil) -> GradeReport {
        grade(files: set.files, exercise: exercise, roster: roster, skipped: set.skipped)
    }

    /// Grades submissions already in memory (tests, benchmarks).
    public static func grade(submissions: [Submission], exercise: Exercise) -> GradeReport {
        let slots = Slots<StudentResult>(count: submissions.count)
        DispatchQueue.concurrentPerform(iterations: submissions.count) { index in
            slots.set(index, grade(submissions[index], exercise: exercise))
        }
        return GradeReport(exercise: exercise, students: slots.values.compactMap { $0 })
    }
}

/// An answer file to grade: where it is, how feedback names it, and the student id given
/// from outside (a roster, `--student`, Gradescope's submitter), if any, with what feedback
/// should say about how that id was found.
public struct SubmissionFile: Sendable, Equatable {
    public var url: URL
    public var displayName: String
    public var student: String?
    /// A note for the student's feedback on how `student` was found (Gradescope).
    public var note: String?

    public init(url: URL, displayName: String, student: String? = nil, note: String? = nil) {
        self.url = url
        self.displayName = displayName
        self.student = student
        self.note = note
    }

    /// The regular answer files named on a command line (see `SubmissionSet`).
    public static func collect(_ paths: [String]) throws -> [SubmissionFile] {
        try SubmissionSet.collect(paths).files
    }
}
