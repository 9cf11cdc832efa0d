import ArgumentParser
import Foundation
import LessonCore
import LessonFigures
import LessonGrader

/// `lesson grade <exercise> <submissions...>`: grade answer files and write the gradebook.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade students' answer files against an exercise and write the gradebook.",
        discussion: """
            The exercise is a file (exercises/param-count.yaml) or an id (param-count). Submissions are \
            YAML or JSON answer files, or folders of them; only regular files are read (links, FIFOs and \
            devices are listed as skipped). The file name decides the student id (ana.yaml is ana's; \
            --student gives it for a single file, --gradescope-metadata the Gradescope submitter of a single file; \
            with --roster, the roster student it matches); a 'student' \
            key that disagrees is flagged, not obeyed. A student with several files is graded on the newest \
            readable one (its 'submitted' key, else its modification time), and the others are listed. \
            --out holds exactly the run's results. Writes gradebook.csv (Canvas's gradebook import), \
            moodle.csv (Moodle's "Import grades from CSV"), report.json, gradescope/<student>/results.json \
            and figures/<student>/<question>.png for matrix answers with wrong cells, into \
            output/grade/<exercise>/ unless --out is given. A file that cannot be read gives that student \
            an error and zero points; the batch goes on.

            Examples:
              lesson grade param-count exercises/submissions/param-count/
              lesson grade exercises/conv-5x5.yaml answers/*.yaml --out grades/
              lesson grade conv-5x5 submission.json --gradescope /autograder/results/results.json \\
                --gradescope-metadata /autograder/submission_metadata.json --roster roster.csv
              lesson grade conv-5x5 answers/ --roster canvas-export.csv --per-question
            """
    )

    @Argument(help: ArgumentHelp("The exercise: a .yaml file or an id in exercises/.", valueName: "exercise"))
    var exercise: String

    @Argument(help: ArgumentHelp("Answer files (YAML or JSON) or folders of them.", valueName: "submissions"))
    var submissions: [String] = []

    @Option(name: .long, help: ArgumentHelp("Write the gradebook and reports into this folder.", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Also write the single submission's Gradescope results.json to this path (for a Gradescope autograder).", valueName: "file"))
    var gradescope: String?

    @Option(name: .long, help: ArgumentHelp("The class roster: a Canvas gradebook export or a Moodle participants export (CSV). Files are matched to students by login, SIS id or e-mail.", valueName: "file.csv"))
    var roster: String?

    @Flag(name: .long, help: "Canvas gradebook: one column (a new assignment) per question instead of one per exercise.")
    var perQuestion = false

    @Option(name: .long, help: ArgumentHelp("Canvas gradebook: the id of an existing Canvas assignment to fill (the column becomes '<title> (<id>)').", valueName: "id"))
    var canvasAssignment: String?

    @Option(name: .long, help: ArgumentHelp("Gradescope: when students see hidden answers, after_published or after_due_date.", valueName: "when"))
    var reveal = "after_published"

    @Flag(name: .long, help: "Publish hidden answers: feedback and reports show the expected answers and working of every question.")
    var publishAnswers = false

    @Option(name: .long, help: ArgumentHelp("The student id of the single answer file given (else its file name decides).", valueName: "id"))
    var student: String?

    @Option(name: .long, help: ArgumentHelp("Gradescope's submission_metadata.json: the single answer file is graded as its submitter, matched with --roster (see README).", valueName: "file"))
    var gradescopeMetadata: String?

    @Flag(name: .long, help: "Do not draw PNGs of matrix answers with wrong cells.")
    var noFigures = false

    @Flag(name: .long, help: "Do not write one Gradescope results.json per student.")
    var noGradescope = false

    @Flag(name: .long, help: "Print every student's feedback, however many students there are.")
    var verbose = false

    @Flag(name: .long, help: "Print the JSON report on standard output, and nothing else there.")
    var json = false

    func run() throws {
        try reportingErrors {
            guard !submissions.isEmpty else { throw InputError("give at least one answer file or folder after the exercise") }
            var exercise = try ExerciseDirectory.load(self.exercise)
            if publishAnswers { exercise = exercise.publishingAnswers() }
            guard let when = GradescopeResults.Reveal(rawValue: reveal) else {
                throw InputError("--reveal: '\(reveal)' is not a Gradescope visibility; expected after_published or after_due_date")
            }
            if let id = canvasAssignment, id.isEmpty || !id.allSatisfy(\.isNumber) {
                throw InputError("--canvas-assignment: '\(id)' is not a Canvas assignment id; expected its number, as in the assignment's address")
            }
            if canvasAssignment != nil, perQuestion {
                throw InputError("--canvas-assignment fills one existing assignment, so it cannot be used with --per-question")
            }
            let classRoster = try roster.map { try Roster.load(URL(fileURLWithPath: $0), displayName: $0) }
            var set = try SubmissionSet.collect(submissions)
            let files = set.files
            guard !files.isEmpty || !set.skipped.isEmpty else {
                throw InputError("no .yaml, .yml or .json answer files in \(submissions.map { Excerpt.quote($0) }.joined(separator: ", "))")
            }
            guard !files.isEmpty else {
                // Only entries that are not read (a link given directly, a folder of links): nothing to grade is an error.
                let reasons = set.skipped.prefix(3).map { "\(Excerpt.quote($0.file)) \($0.reason)" }.joined(separator: "; ")
                throw InputError("no answer file could be read: \(reasons)\(set.skipped.count > 3 ? "; …" : "")")
            }
            if let student {
                guard !student.trimmingCharacters(in: .whitespaces).isEmpty, !Excerpt.hasControlCharacters(student) else {
                    throw InputError("--student '\(Excerpt.quote(student))' is not a student id (it is empty or holds control characters)")
                }
                guard files.count == 1 else {
                    throw InputError("--student names the student of one answer file, but \(files.count) answer files were given")
                }
                guard gradescopeMetadata == nil else {
                    throw InputError("--student and --gradescope-metadata both name the student; give one of them")
                }
                set.files[0].student = student
            }
            if let gradescopeMetadata {
                guard files.count == 1 else {
                    throw InputError("--gradescope-metadata names the student of one answer file, but \(files.count) answer files were given")
                }
                let file = files[0]
                let declared = Submission.read(file.url, displayName: file.displayName).declaredStudent
                // Feedback names the file, not the grader's path.
                let metadata = URL(fileURLWithPath: gradescopeMetadata)
                switch GradescopeSubmitter.read(metadata, displayName: Excerpt.quote(metadata.lastPathComponent)) {
                case .success(let submitter):
                    (set.files[0].student, set.files[0].note) = submitter.studentID(roster: classRoster, declared: declared)
                case .failure(let problem):
                    let fallback = GradescopeSubmitter.fallbackID(problem: problem, declared: declared,
                                                                  fileID: file.url.deletingPathExtension().lastPathComponent)
                    (set.files[0].student, set.files[0].note) = (fallback.id, fallback.note)
                }
            }
            if gradescope != nil, files.count != 1 {
                throw InputError("--gradescope writes one student's results.json, but \(files.count) answer files were given")
            }
            let folder = URL(fileURLWithPath: out ?? "output/grade/\(SafeFileName.make(exercise.id))")
            var report = Grader.grade(set, exercise: exercise, roster: classRoster)
            let match = classRoster.map { RosterMatch(roster: $0, report: report) }
            report = try ReportWriter.write(report, to: folder,
                                            options: .init(gradescope: !noGradescope, figures: !noFigures,
                                                           gradebook: .init(perQuestion: perQuestion, canvasAssignmentID: canvasAssignment),
                                                           roster: match, reveal: when))
            if let gradescope, let student = report.students.first {
                try ReportWriter.atomic(GradescopeResults(student, report: report, reveal: when).json(), to: URL(fileURLWithPath: gradescope))
            }
            if json {
                FileHandle.standardOutput.write(report.json())
                return
            }
            let perStudent = verbose || report.students.count <= 40
            if perStudent {
                for student in report.students { print(Self.describe(student)) }
                print("")
            }
            print(report.summaryText)
            if !perStudent { Self.attentionLines(report).forEach { print($0) } }
            if let match { print(match.summaryLines.joined(separator: "\n")) }
            print("")
            let moodle = match.map { MoodleCSV.fileNames(roster: $0) } ?? ["moodle.csv"]
            print("Wrote \(folder.relativePath)/gradebook.csv (Canvas), \(moodle.joined(separator: ", ")) (Moodle\(moodle.count > 1 ? ": one file per kind of id, see exercises/README.md" : "")) and report.json" + (noGradescope ? "" : ", gradescope/<student>/results.json")
                  + (noFigures ? "" : ", figures/<student>/<question>.png for matrix answers with wrong cells") + ".")
        }
    }

    /// In a class too large for a section per student: the files that could not be graded and
    /// the notes on whose file a file is, each named (up to 20 of each), and where the rest are.
    static func attentionLines(_ report: GradeReport) -> [String] {
        let limit = 20
        var lines: [String] = []
        let failed = report.students.filter { $0.error != nil && $0.supersededBy == nil }
        for student in failed.prefix(limit) {
            lines.append("  not graded: \(Excerpt.quote(student.file)): \(Excerpt.quote(student.error ?? "", limit: 160))")
        }
        let noted = report.students.filter { $0.note != nil && $0.supersededBy == nil }
        for student in noted.prefix(limit) {
            lines.append("  note: \(Excerpt.quote(student.file)): \(Excerpt.quote(student.note ?? "", limit: 160))")
        }
        if failed.count > limit || noted.count > limit {
            lines.append("  … \(max(failed.count - limit, 0) + max(noted.count - limit, 0)) more; --verbose shows every student, report.json lists them")
        }
        return lines
    }

    /// One student's results: a line with the total, then a line per question.
    static func describe(_ student: StudentResult) -> String {
        var lines = ["\(Excerpt.quote(student.student)) (\(Excerpt.quote(student.file))): \(GradeReport.points(student.points)) of \(Counted.points(student.maxPoints))"]
        if let error = student.error { lines.append("  error: the answer file \(Excerpt.quote(error, limit: 400))") }
        if let note = student.note { lines.append("  note: \(Excerpt.quote(note, limit: 200))") }
        for q in student.questions where student.error == nil {
            let mark: String
            switch q.status {
            case .correct: mark = "✓"
            case .partial: mark = "◐"
            default: mark = "✗"
            }
            lines.append("  \(mark) \(q.question) \(GradeReport.points(q.points))/\(GradeReport.points(q.maxPoints)): \(Excerpt.quote(q.feedback, limit: 400))")
        }
        if !student.unknownAnswers.isEmpty {
            lines.append("  note: answers to unknown questions ignored: \(Excerpt.quote(student.unknownAnswers.joined(separator: ", ")))")
        }
        return lines.joined(separator: "\n")
    }
}

