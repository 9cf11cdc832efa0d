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
            --student gives it for a single file); a 'student' key that disagrees is flagged, not obeyed. \
            A student with several files is graded on the newest readable one (its 'submitted' key, else \
            its modification time), and the others are listed. --out holds exactly the run's results. Writes gradebook.csv (Canvas, Moodle), report.json, gradescope/<student>/results.json \
            and figures/<student>/<question>.png for matrix answers with wrong cells, into \
            output/grade/<exercise>/ unless --out is given. A file that cannot be read gives that student \
            an error and zero points; the batch goes on.

            Examples:
              lesson grade param-count exercises/submissions/param-count/
              lesson grade exercises/conv-5x5.yaml answers/*.yaml --out grades/
              lesson grade conv-5x5 submission.json --gradescope /autograder/results/results.json
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

    @Option(name: .long, help: ArgumentHelp("The student id of the single answer file given (else its file name decides).", valueName: "id"))
    var student: String?

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
            let exercise = try ExerciseDirectory.load(self.exercise)
            var set = try SubmissionSet.collect(submissions)
            let files = set.files
            guard !files.isEmpty || !set.skipped.isEmpty else {
                throw InputError("no .yaml, .yml or .json answer files in \(submissions.map { Excerpt.quote($0) }.joined(separator: ", "))")
            }
            if let student {
                guard files.count == 1 else {
                    throw InputError("--student names the student of one answer file, but \(files.count) answer files were given")
                }
                set.files[0].student = student
            }
            if gradescope != nil, files.count != 1 {
                throw InputError("--gradescope writes one student's results.json, but \(files.count) answer files were given")
            }
            let folder = URL(fileURLWithPath: out ?? "output/grade/\(SafeFileName.make(exercise.id))")
            var report = Grader.grade(set, exercise: exercise)
            report = try ReportWriter.write(report, to: folder,
                                            options: .init(gradescope: !noGradescope, figures: !noFigures))
            if let gradescope, let student = report.students.first {
                try ReportWriter.atomic(GradescopeResults(student, report: report).json(), to: URL(fileURLWithPath: gradescope))
            }
            if json {
                FileHandle.standardOutput.write(report.json())
                return
            }
            if verbose || report.students.count <= 40 {
                for student in report.students { print(Self.describe(student)) }
                print("")
            }
            print(report.summaryText)
            print("")
            print("Wrote \(folder.relativePath)/gradebook.csv and report.json" + (noGradescope ? "" : ", gradescope/<student>/results.json")
                  + (noFigures ? "" : ", figures/<student>/<question>.png for matrix answers with wrong cells") + ".")
        }
    }

    /// One student's results: a line with the total, then a line per question.
    static func describe(_ student: StudentResult) -> String {
        var lines = ["\(Excerpt.quote(student.student)) (\(Excerpt.quote(student.file))): \(GradeReport.points(student.points)) of \(GradeReport.points(student.maxPoints)) points"]
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

