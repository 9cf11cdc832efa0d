import ArgumentParser
import Foundation
import LessonCore
import LessonFigures
import LessonGrader

/// `lesson exercise sheets <exercise> --roster FILE.csv`: every student's sheet as PDF and Markdown.
struct ExerciseSheets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sheets",
        abstract: "Write every student's sheet (their own numbers) as a PDF and a Markdown file.",
        discussion: """
            Students come from --roster (a Canvas gradebook export or a Moodle participants export) or \
            --students. Each sheet is drawn for the student's id (the roster's login, else SIS id, else \
            e-mail) and asks for the answer file to be saved as <id>.yaml: grading reads whose file it is \
            from its name (with --roster, the name Canvas's "Download Submissions" gives it works too, \
            and a login, SIS id or e-mail of the roster student). Writes <dir>/<student>.pdf and \
            <dir>/<student>.md, into output/sheets/<exercise>/ unless --out is given.

            Example:
              lesson exercise sheets conv-5x5 --roster canvas-export.csv --out sheets/
            """
    )

    @OptionGroup var exercise: ExerciseArgument
    @OptionGroup var students: StudentOptions

    @Option(name: .long, help: ArgumentHelp("Write the sheets into this folder.", valueName: "dir"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("pdf, md, or both separated by a comma.", valueName: "formats"))
    var format = "pdf,md"

    func run() throws {
        try reportingErrors {
            let exercise = try self.exercise.load()
            let formats = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for f in formats where f != "pdf" && f != "md" {
                throw InputError("--format: '\(f)' is not a sheet format; expected pdf, md or pdf,md")
            }
            let ids = try students.ids()
            guard !ids.isEmpty else { throw InputError("give --roster FILE.csv or --students ID... to say whose sheets to write") }
            let folder = URL(fileURLWithPath: out ?? "output/sheets/\(SafeFileName.make(exercise.id))")
            try FigureRenderer.prepare(directory: folder)
            var seen = Set<String>()
            for id in ids where seen.insert(id).inserted {
                let sheet = try ExerciseSheet(exercise, student: id)
                let name = SafeFileName.make(id)
                if formats.contains("md") {
                    try ReportWriter.atomic(Data(sheet.markdown.utf8), to: folder.appendingPathComponent(name + ".md"))
                }
                if formats.contains("pdf") {
                    let bytes = try FigureRenderer.render(SheetPageFigure.figure(sheet, paged: true), options: RenderOptions(format: .pdf))
                    try ReportWriter.atomic(Data(bytes), to: folder.appendingPathComponent(name + ".pdf"))
                }
            }
            print("Wrote \(seen.count) \(Counted.noun(seen.count, "sheet")) of '\(exercise.id)' (\(formats.joined(separator: ", "))) into \(folder.relativePath)/.")
        }
    }
}
