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
/// (a `report.json`), every `results.json` under `gradescope/` and PNG under `figures/` that
/// this run did not write is removed afterwards (a student no longer in the class, a wrong-cell
/// figure of an answer now right, everything under a folder a `--no-…` flag turned off), and so
/// is any temporary file a killed run left (`*.lesson-partial`). Files of other names, beside
/// the reports or inside a student's folder (a teacher's notes.txt), are left alone.
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
        let base = folder.path
        let holdsEarlierRun = RegularFile.kind(base + "/report.json") != .missing
        try FigureRenderer.prepare(directory: folder)
        let written = WrittenPaths()
        if options.figures { try writeFigures(&report, folder: base, options: options, written: written) }
        if options.gradescope { try writeGradescope(report, folder: base, reveal: options.reveal, written: written) }
        // The reports are independent: each is written (report.json and the gradebook built too) on its own core.
        let finished = report
        // Moodle's file, or one per kind of identifier when the roster has no kind for everyone.
        let moodle = options.roster.map { MoodleCSV.files(finished, roster: $0) } ?? [("moodle.csv", MoodleCSV.render(finished))]
        var jobs: [(String, @Sendable () -> Data)] = [
            ("report.json", { finished.json() }),
            ("gradebook.csv", { Data(GradebookCSV.render(finished, roster: options.roster, options: options.gradebook).utf8) }),
        ]
        for file in moodle {
            let text = file.text
            jobs.append((file.name, { Data(text.utf8) }))
        }
        let reports = jobs
        let errors = ErrorSlot()
        DispatchQueue.concurrentPerform(iterations: reports.count) { index in
            do { try atomic(reports[index].1(), to: base + "/" + reports[index].0) } catch { errors.record(error) }
        }
        if let error = errors.first { throw error }
        if holdsEarlierRun {
            for name in MoodleCSV.perKindFiles where !moodle.contains(where: { $0.name == name }) { OutputFiles.remove(base + "/" + name) }
        }
        try removeLeftovers(in: folder, keeping: holdsEarlierRun ? written.paths : nil)
        return report
    }

    /// The suffix of the temporary files `atomic` writes, so a later run can remove those a killed run left.
    public static let temporarySuffix = OutputFiles.temporarySuffix

    /// Writes `data` to `url` through a temporary file (`.<name>.<pid>.<n>.lesson-partial`, in
    /// the same folder) and a rename, so a reader never sees half a file (see `OutputFiles`).
    public static func atomic(_ data: Data, to url: URL) throws {
        try OutputFiles.write(data, to: url.path)
    }

    static func atomic(_ data: Data, to path: String) throws {
        try OutputFiles.write(data, to: path)
    }

    /// `gradescope/<student>/results.json` for every student graded, on every core.
    private static func writeGradescope(_ report: GradeReport, folder: String, reveal: GradescopeResults.Reveal,
                                        written: WrittenPaths) throws {
        let root = folder + "/gradescope"
        try OutputFiles.makeFolder(root)
        let students = report.gradebookStudents
        let names = students.map { SafeFileName.make($0.student) }
        let errors = ErrorSlot()
        DispatchQueue.concurrentPerform(iterations: students.count) { index in
            let student = root + "/" + names[index]
            do {
                try OutputFiles.makeFolder(student)
                try atomic(GradescopeResults(students[index], report: report, reveal: reveal).json(), to: student + "/results.json")
            } catch { errors.record(error) }
        }
        if let error = errors.first { throw error }
        written.insert(names.map { "gradescope/\($0)/results.json" })
    }

    /// Removes temporary files left by killed runs and, when `keeping` is given, every file
    /// under `gradescope/` and `figures/` not in it (paths relative to `folder`); folders left
    /// empty go too. Symbolic links are removed, never followed.
    static func removeLeftovers(in folder: URL, keeping: Set<String>?) throws {
        let base = folder.path
        for entry in OutputFiles.entries(base) ?? [] where entry.name.hasSuffix(temporarySuffix) {
            OutputFiles.remove(base + "/" + entry.name)
        }
        for top in ["gradescope", "figures"] {
            let root = base + "/" + top
            let kind = RegularFile.kind(root)
            guard kind == .directory else {
                if keeping != nil, kind != .missing { OutputFiles.remove(root) }
                continue
            }
            var rootHoldsFiles = false
            for entry in OutputFiles.entries(root) ?? [] {
                let sub = root + "/" + entry.name
                guard entry.isFolder else {
                    if entry.name.hasSuffix(temporarySuffix) || (keeping != nil && isReport(entry.name, under: top)) {
                        OutputFiles.remove(sub)
                    } else {
                        rootHoldsFiles = true
                    }
                    continue
                }
                var holdsFiles = false
                for file in OutputFiles.entries(sub) ?? [] {
                    if file.name.hasSuffix(temporarySuffix)
                        || (isReport(file.name, under: top) && (keeping.map { !$0.contains("\(top)/\(entry.name)/\(file.name)") } ?? false)) {
                        OutputFiles.remove(sub + "/" + file.name)
                    } else {
                        holdsFiles = true
                    }
                }
                if keeping != nil, !holdsFiles { OutputFiles.removeEmptyFolder(sub) } else { rootHoldsFiles = true }
            }
            if keeping != nil, !rootHoldsFiles { OutputFiles.removeEmptyFolder(root) }
        }
    }

    /// Whether a file named `name` under `top` is of the kind grading writes there (a
    /// `results.json`, a PNG); the teacher's own files beside them (notes.txt) are never removed.
    static func isReport(_ name: String, under top: String) -> Bool {
        top == "gradescope" ? name == "results.json" : name.lowercased().hasSuffix(".png")
    }

    private static func writeFigures(_ report: inout GradeReport, folder: String, options: Options, written: WrittenPaths) throws {
        var jobs: [(student: Int, question: Int, figure: Figure, path: String)] = []
        for (s, student) in report.students.enumerated() {
            let name = SafeFileName.make(student.student)
            for (q, result) in student.questions.enumerated() {
                guard let detail = result.matrixDetail else { continue }
                let path = "figures/\(name)/\(result.question).\(options.render.format.fileExtension)"
                let figure = WrongCellsFigure.figure(detail, student: student.student, question: result.question,
                                                     showExpected: result.expected != nil)
                jobs.append((s, q, figure, path))
            }
        }
        if !jobs.isEmpty { try OutputFiles.makeFolder(folder + "/figures") }
        let errors = ErrorSlot()
        let allJobs = jobs
        DispatchQueue.concurrentPerform(iterations: allJobs.count) { index in
            let job = allJobs[index]
            let path = folder + "/" + job.path
            do {
                try OutputFiles.makeFolder(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
                try atomic(Data(try FigureRenderer.render(job.figure, options: options.render)), to: path)
            } catch { errors.record(error) }
        }
        if let error = errors.first { throw error }
        written.insert(jobs.map(\.path))
        for job in jobs { report.students[job.student].questions[job.question].figure = job.path }
    }
}

/// The paths a run wrote, relative to its folder, filled from several threads.
final class WrittenPaths: @unchecked Sendable {
    private var storage: Set<String> = []
    private let lock = NSLock()
    func insert(_ paths: [String]) { lock.lock(); storage.formUnion(paths); lock.unlock() }
    var paths: Set<String> { lock.lock(); defer { lock.unlock() }; return storage }
}

/// The first error raised by any of several threads.
final class ErrorSlot: @unchecked Sendable {
    private var error: Error?
    private let lock = NSLock()
    func record(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
    var first: Error? { lock.lock(); defer { lock.unlock() }; return error }
}
