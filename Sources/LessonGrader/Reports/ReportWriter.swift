import Foundation
import LessonCore
import LessonFigures

/// Writes a grading run's files into a folder, each atomically (a temporary file renamed into
/// place, so a crash never leaves a half-written file), and byte for byte the same for the
/// same inputs (sorted students, sorted JSON keys, no timestamps):
///
/// - `gradebook.csv`: Canvas's gradebook import (see `GradebookCSV`);
/// - `moodle.csv`: Moodle's "Import grades from CSV" (see `MoodleCSV`);
/// - `report.json`: every student's results and the summary per question;
/// - `gradescope/<student>/results.json` (with `gradescope`): one Gradescope file per student;
/// - `figures/<student>/<question>.png` (with `figures`): each matrix answer with wrong cells.
///
/// Student ids become folder names through `SafeFileName`.
public enum ReportWriter {
    /// What to write besides the gradebook and the report.
    public struct Options: Sendable {
        public var gradescope: Bool
        public var figures: Bool
        public var render: RenderOptions
        /// Columns of the Canvas gradebook.
        public var gradebook: GradebookCSV.Options
        /// The class roster the gradebooks are matched with, if any.
        public var roster: RosterMatch?
        /// When Gradescope shows withheld answers.
        public var reveal: GradescopeResults.Reveal
        public init(gradescope: Bool = true, figures: Bool = true, render: RenderOptions = RenderOptions(),
                    gradebook: GradebookCSV.Options = .init(), roster: RosterMatch? = nil,
                    reveal: GradescopeResults.Reveal = .afterPublished) {
            self.gradescope = gradescope
            self.figures = figures
            self.render = render
            self.gradebook = gradebook
            self.roster = roster
            self.reveal = reveal
        }
    }

    /// Writes the files and returns the report with figure paths filled in.
    @discardableResult
    public static func write(_ report: GradeReport, to folder: URL, options: Options = Options()) throws -> GradeReport {
        var report = report
        try FigureRenderer.prepare(directory: folder)
        if options.figures { try writeFigures(&report, folder: folder, options: options) }
        if options.gradescope {
            let exerciseQuestions = report
            let students = report.gradebookStudents
            let errors = ErrorSlot()
            DispatchQueue.concurrentPerform(iterations: students.count) { index in
                let student = students[index]
                let dir = folder.appendingPathComponent("gradescope").appendingPathComponent(SafeFileName.make(student.student))
                do {
                    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                    try atomic(GradescopeResults(student, report: exerciseQuestions, reveal: options.reveal).json(),
                               to: dir.appendingPathComponent("results.json"))
                } catch { errors.record(error) }
            }
            if let error = errors.first { throw error }
        }
        try atomic(report.json(), to: folder.appendingPathComponent("report.json"))
        try atomic(Data(GradebookCSV.render(report, roster: options.roster, options: options.gradebook).utf8),
                   to: folder.appendingPathComponent("gradebook.csv"))
        try atomic(Data(MoodleCSV.render(report, roster: options.roster).utf8), to: folder.appendingPathComponent("moodle.csv"))
        return report
    }

    /// Writes `data` to `url` through a temporary file and a rename.
    public static func atomic(_ data: Data, to url: URL) throws {
        do { try data.write(to: url, options: .atomic) } catch {
            throw InputError("cannot write '\(url.path)': \((error as NSError).localizedDescription)")
        }
    }

    private static func writeFigures(_ report: inout GradeReport, folder: URL, options: Options) throws {
        var jobs: [(student: Int, question: Int, figure: Figure, path: String)] = []
        for (s, student) in report.students.enumerated() {
            for (q, result) in student.questions.enumerated() {
                guard let detail = result.matrixDetail else { continue }
                let path = "figures/\(SafeFileName.make(student.student))/\(result.question).\(options.render.format.fileExtension)"
                let figure = WrongCellsFigure.figure(detail, student: student.student, question: result.question,
                                                     showExpected: result.expected != nil)
                jobs.append((s, q, figure, path))
            }
        }
        let errors = ErrorSlot()
        let allJobs = jobs
        DispatchQueue.concurrentPerform(iterations: allJobs.count) { index in
            let job = allJobs[index]
            let url = folder.appendingPathComponent(job.path)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try atomic(Data(try FigureRenderer.render(job.figure, options: options.render)), to: url)
            } catch { errors.record(error) }
        }
        if let error = errors.first { throw error }
        for job in jobs { report.students[job.student].questions[job.question].figure = job.path }
    }
}

/// The first error raised by any of several threads.
final class ErrorSlot: @unchecked Sendable {
    private var error: Error?
    private let lock = NSLock()
    func record(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
    var first: Error? { lock.lock(); defer { lock.unlock() }; return error }
}
