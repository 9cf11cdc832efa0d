import Foundation
import LessonCore
import LessonFigures
import LessonLibrary

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
///
/// The folder holds exactly this run's results: when it already holds a grading run's output
/// (a `report.json`), every file under `gradescope/` and `figures/` that this run did not
/// write is removed afterwards (a student no longer in the class, a wrong-cell figure of an
/// answer now right, everything under a folder a `--no-…` flag turned off), and so is any
/// temporary file a killed run left (`*.lesson-partial`). Files of other names beside the
/// reports are left alone.
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
        let holdsEarlierRun = FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.json").path)
        try FigureRenderer.prepare(directory: folder)
        let written = WrittenPaths()
        if options.figures { try writeFigures(&report, folder: folder, options: options, written: written) }
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
                    written.insert("gradescope/\(SafeFileName.make(student.student))/results.json")
                } catch { errors.record(error) }
            }
            if let error = errors.first { throw error }
        }
        try atomic(report.json(), to: folder.appendingPathComponent("report.json"))
        try atomic(Data(GradebookCSV.render(report, roster: options.roster, options: options.gradebook).utf8),
                   to: folder.appendingPathComponent("gradebook.csv"))
        try atomic(Data(MoodleCSV.render(report, roster: options.roster).utf8), to: folder.appendingPathComponent("moodle.csv"))
        try removeLeftovers(in: folder, keeping: holdsEarlierRun ? written.paths : nil)
        return report
    }

    /// The suffix of the temporary files `atomic` writes, so a later run can remove those a killed run left.
    public static let temporarySuffix = ".lesson-partial"

    /// Writes `data` to `url` through a temporary file (`.<name>.<pid>.<n>.lesson-partial`, in
    /// the same folder) and a rename, so a reader never sees half a file.
    public static func atomic(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(TemporaryCounter.next())\(temporarySuffix)")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw InputError("cannot write '\(url.path)': \(String(cString: strerror(errno)))")
            }
        } catch let error as InputError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw InputError("cannot write '\(url.path)': \((error as NSError).localizedDescription)")
        }
    }

    /// Removes temporary files left by killed runs and, when `keeping` is given, every file
    /// under `gradescope/` and `figures/` not in it (paths relative to `folder`); folders left
    /// empty go too. Symbolic links are removed, never followed.
    static func removeLeftovers(in folder: URL, keeping: Set<String>?) throws {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(temporarySuffix) {
            try? manager.removeItem(at: folder.appendingPathComponent(name))
        }
        for top in ["gradescope", "figures"] {
            let root = folder.appendingPathComponent(top)
            guard RegularFile.kind(root.path) == .directory else {
                if keeping != nil, RegularFile.kind(root.path) != .missing { try? manager.removeItem(at: root) }
                continue
            }
            for entry in ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
                let sub = root.appendingPathComponent(entry)
                if RegularFile.kind(sub.path) == .directory {
                    for name in ((try? manager.contentsOfDirectory(atPath: sub.path)) ?? []).sorted() {
                        let relative = "\(top)/\(entry)/\(name)"
                        if name.hasSuffix(temporarySuffix) || (keeping.map { !$0.contains(relative) } ?? false) {
                            try? manager.removeItem(at: sub.appendingPathComponent(name))
                        }
                    }
                    if keeping != nil, ((try? manager.contentsOfDirectory(atPath: sub.path)) ?? []).isEmpty {
                        try? manager.removeItem(at: sub)
                    }
                } else if entry.hasSuffix(temporarySuffix) || keeping != nil {
                    try? manager.removeItem(at: sub)
                }
            }
            if keeping != nil, ((try? manager.contentsOfDirectory(atPath: root.path)) ?? []).isEmpty {
                try? manager.removeItem(at: root)
            }
        }
    }

    private static func writeFigures(_ report: inout GradeReport, folder: URL, options: Options, written: WrittenPaths) throws {
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
                written.insert(job.path)
            } catch { errors.record(error) }
        }
        if let error = errors.first { throw error }
        for job in jobs { report.students[job.student].questions[job.question].figure = job.path }
    }
}

/// The paths a run wrote, relative to its folder, filled from several threads.
final class WrittenPaths: @unchecked Sendable {
    private var storage: Set<String> = []
    private let lock = NSLock()
    func insert(_ path: String) { lock.lock(); storage.insert(path); lock.unlock() }
    var paths: Set<String> { lock.lock(); defer { lock.unlock() }; return storage }
}

/// Numbers the temporary files of one process, so two threads never share one.
enum TemporaryCounter {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var value = 0
    static func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}

/// The first error raised by any of several threads.
final class ErrorSlot: @unchecked Sendable {
    private var error: Error?
    private let lock = NSLock()
    func record(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
    var first: Error? { lock.lock(); defer { lock.unlock() }; return error }
}
