import Foundation
import LessonCore

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
                                   note: submission.note, submittedAt: submission.submittedAt)
        let prepared: [PreparedQuestion]?
        if submission.error == nil {
            do { prepared = try exercise.prepared(for: submission.student) } catch {
                result.error = "the exercise could not be prepared for this student: \(error)"
                prepared = nil
            }
        } else {
            prepared = nil
        }
        for (index, question) in exercise.questions.enumerated() {
            if let prepared {
                result.questions.append(AnswerGrader.grade(submission.answers[question.id], question: question,
                                                           prepared: prepared[index]))
            } else {
                result.questions.append(QuestionResult(question: question.id, points: 0, maxPoints: question.points,
                                                       status: .missing, feedback: "not graded: the answer file \(result.error ?? "could not be read")"))
            }
        }
        let known = Set(exercise.questions.map(\.id))
        result.unknownAnswers = submission.answers.keys.filter { !known.contains($0) }.sorted()
        result.points = (result.questions.reduce(0) { $0 + $1.points } * 1e6).rounded() / 1e6
        return result
    }

    /// Reads and grades every file, in parallel, and returns the report.
    public static func grade(files: [SubmissionFile], exercise: Exercise, skipped: [SkippedFile] = []) -> GradeReport {
        let slots = ResultSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            let submission = Submission.read(file.url, displayName: file.displayName, student: file.student)
            slots.set(index, grade(submission, exercise: exercise))
        }
        return GradeReport(exercise: exercise, students: slots.values, skipped: skipped)
    }

    /// Reads and grades a collected set; its skipped entries are listed in the report.
    public static func grade(_ set: SubmissionSet, exercise: Exercise) -> GradeReport {
        grade(files: set.files, exercise: exercise, skipped: set.skipped)
    }

    /// Grades submissions already in memory (tests, benchmarks).
    public static func grade(submissions: [Submission], exercise: Exercise) -> GradeReport {
        let slots = ResultSlots(count: submissions.count)
        DispatchQueue.concurrentPerform(iterations: submissions.count) { index in
            slots.set(index, grade(submissions[index], exercise: exercise))
        }
        return GradeReport(exercise: exercise, students: slots.values)
    }
}

/// An answer file to grade: where it is, how feedback names it, and the student id given
/// from outside (a roster, `--student`), if any.
public struct SubmissionFile: Sendable, Equatable {
    public var url: URL
    public var displayName: String
    public var student: String?

    public init(url: URL, displayName: String, student: String? = nil) {
        self.url = url
        self.displayName = displayName
        self.student = student
    }

    /// The regular answer files named on a command line (see `SubmissionSet`).
    public static func collect(_ paths: [String]) throws -> [SubmissionFile] {
        try SubmissionSet.collect(paths).files
    }
}

/// Slots filled by `concurrentPerform`, one per index; each index is written by one thread only.
final class ResultSlots: @unchecked Sendable {
    private var storage: [StudentResult?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: StudentResult) {
        lock.lock(); storage[index] = value; lock.unlock()
    }
    var values: [StudentResult] { storage.compactMap { $0 } }
}
