import ArgumentParser
import Foundation
import LessonCore
import LessonGrader
import LessonLibrary

/// `lesson exercise autograder <exercise> --out DIR`: a Gradescope autograder bundle.
struct ExerciseAutograder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autograder",
        abstract: "Write a Gradescope autograder (setup.sh, run_autograder, the exercise, the sources) to zip and upload.",
        discussion: """
            The folder's README.md lists the steps in Gradescope. The exercise is copied with an id: line, so \
            per-student numbers are drawn from its own id. Give the roster the sheets were made from with \
            --roster: each file is then graded as the roster student whose e-mail (else student ID, else name) \
            is the Gradescope submitter's, on the numbers of their sheet; without it, as the file's student: key.
            """
    )

    @OptionGroup var exercise: ExerciseArgument

    @Option(name: .long, help: ArgumentHelp("The folder to write.", valueName: "dir"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("When students see hidden answers: after_published or after_due_date.", valueName: "when"))
    var reveal = "after_published"

    @Option(name: .long, help: ArgumentHelp("The class roster the sheets were made from (CSV from Canvas or Moodle), copied into the bundle.", valueName: "file.csv"))
    var roster: String?

    func run() throws {
        try reportingErrors {
            guard let when = GradescopeResults.Reveal(rawValue: reveal) else {
                throw InputError("--reveal: '\(reveal)' is not a Gradescope visibility; expected after_published or after_due_date")
            }
            let exercise = try self.exercise.load()
            let root = try LessonDirectory.locate().url.deletingLastPathComponent()
            let file = exercise.file.hasPrefix("exercises/") && !FileManager.default.fileExists(atPath: exercise.file)
                ? root.appendingPathComponent(exercise.file) : URL(fileURLWithPath: exercise.file)
            let folder = URL(fileURLWithPath: out)
            let written = try AutograderBundle.write(exerciseFile: file, exercise: exercise, packageRoot: root, to: folder, reveal: when,
                                                     roster: roster.map { (URL(fileURLWithPath: $0), $0) })
            print("Wrote the Gradescope autograder of '\(exercise.id)' into \(folder.relativePath)/ (\(written.count) files: setup.sh, run_autograder, exercise.yaml, "
                  + (roster == nil ? "" : "roster.csv, ") + "README.md, lesson/).")
            if roster == nil, exercise.questions.contains(where: \.hasVariants) {
                print("Without --roster, each file is graded as its student: key (see README.md); give the roster the sheets were made from to grade each Gradescope submitter as their roster id.")
            }
            print("Next: cd \(folder.relativePath) && zip -r ../autograder.zip . ; then upload autograder.zip in Gradescope (see README.md).")
        }
    }
}
