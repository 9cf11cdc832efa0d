import ArgumentParser
import Foundation
import LessonCore
import LessonFigures
import LessonLibrary

/// `lesson figures`: every lesson's figures for slides, in PNG, SVG and PDF, listed in figures.json.
struct FiguresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures",
        abstract: "Draw the figures of every lesson for slides: PNG, SVG or PDF, with a filmstrip per lesson.",
        discussion: """
            Writes output/<lesson>/ (and output/<lesson>/<variant>/ for other variants) and \
            output/figures.json, which lists every file written with its lesson, variant, step and \
            a one-sentence description usable as alt text. The same input gives the same bytes.

            Examples:
              lesson figures
              lesson figures --lesson conv2d --format png,svg,pdf --theme dark
              lesson figures --width 1920 --variant padding-1
            """
    )

    @Option(help: ArgumentHelp("Only this lesson (see 'lesson list').", valueName: "id"), completion: .list(LessonRegistry.ids))
    var lesson: String?

    @Option(help: ArgumentHelp("Only this variant of each lesson.", valueName: "name"))
    var variant: String?

    @Option(help: ArgumentHelp("Formats, comma-separated: png, svg, pdf (a file per figure); gif, html, tex (a file per variant: animation, stepper page, Beamer deck).", valueName: "formats"))
    var format: String = "png"

    @Option(help: "Figure theme: light, dark or high-contrast (each writes into a folder of its own but light).")
    var theme: ThemeName = .light

    @Option(parsing: .unconditional, help: ArgumentHelp("Multiply every text size by this (1.25 = a quarter bigger) on the same canvas.", valueName: "factor"), transform: FiniteNumber.parse)
    var textScale: Double = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Width of every file in pixels (PNG) or points (SVG, PDF).", valueName: "w"), transform: FiniteNumber.parse)
    var width: Double?

    @Option(parsing: .unconditional, help: "Scale of every figure (2 doubles the pixels of a PNG).", transform: FiniteNumber.parse)
    var scale: Double?

    @Option(help: ArgumentHelp("Write into this folder instead of output/.", valueName: "dir"))
    var out: String = "output"

    @Flag(help: "Do not draw the filmstrip of each lesson variant.")
    var noFilmstrip = false

    @Flag(help: "Draw every step of every variant; without it, a variant of more than 64 steps draws the first 63, the last and the summary.")
    var allSteps = false

    /// The sizing asked for; bad values are input errors (exit 1) like every other mistake.
    func sizing() throws -> FigureBatchOptions.Sizing {
        if width != nil, scale != nil { throw InputError("give --width or --scale, not both") }
        if let scale {
            guard scale > 0, scale <= 8 else { throw InputError("--scale must be above 0 and at most 8, got \(Notation.number(scale))") }
            return .scale(scale)
        }
        if let width {
            guard width >= 64, width <= 8192 else {
                throw InputError("--width must be between 64 and 8192, got \(Notation.number(width))")
            }
            return .width(width)
        }
        return .scale(1)
    }

    func validate() throws { try OutputFolder.check(out) }

    func run() throws {
        var failed = 0
        try reportingErrors {
            let root = URL(fileURLWithPath: out)
            var options = FigureBatchOptions(formats: try Self.formats(format), theme: theme.theme,
                                             sizing: try sizing(), filmstrips: !noFilmstrip)
            options.steps = allSteps ? .all : .automatic
            guard textScale >= 0.5, textScale <= 3 else {
                throw InputError("--text-scale must be between 0.5 and 3, got \(Notation.number(textScale))")
            }
            options.textScale = textScale
            let directory = try LessonDirectory.locate()
            let (jobs, lessonFailures) = try FigureBatch.jobs(directory: directory, lesson: lesson, variant: variant)
            let progress = ProgressLine(interactive: isatty(STDERR_FILENO) == 1)
            for failure in lessonFailures { progress.report(failure) }
            var report = try FigureBatch.render(jobs, root: root, options: options) { event in progress.show(event) }
            progress.finish()
            report.failures = lessonFailures + report.failures
            let index = try FigureBatch.writeIndex(report, root: root)
            if options.formats.contains(.html) {
                let page = try FigureBatch.writeStepperIndex(report, root: root, theme: options.theme)
                printError("stepper pages: \(page.relativePath)")
            }
            let lessons = Set(report.records.map(\.lesson)).count
            print("Wrote \(report.records.count) \(Counted.noun(report.records.count, "file")) for \(lessons) \(Counted.noun(lessons, "lesson")) to \(root.relativePath)/; the list is in \(index.relativePath).")
            failed = report.failures.count
        }
        if failed > 0 {
            printError("\(failed) \(Counted.noun(failed, "failure")): see the errors above; every other figure was written")
            throw ExitCode(1)
        }
    }

    /// Reads a comma-separated list of formats, `png,svg,pdf`, dropping repeats.
    static func formats(_ argument: String) throws -> [FigureFormat] {
        var formats: [FigureFormat] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let format = FigureFormat(rawValue: name.lowercased()) else {
                throw InputError("--format \"\(argument)\": '\(name)' is not a format; use png, svg, pdf, gif, html or tex, separated by commas")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }
}
