import ArgumentParser
import Foundation
import LessonCore
import LessonFigures
import LessonLibrary

/// The options every `lesson run <lesson>` shares: variant, output and format.
struct RunOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "Run a named variant of the lesson's example (see 'lesson list').",
            completion: .custom { words, _, _ in Self.variantNames(after: words) })
    var variant: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Write figures into this folder.", valueName: "dir"))
    var out: String?

    @Flag(name: .long, help: "Do not draw figures; only print the trace.")
    var noFigures = false

    @Option(name: .long, parsing: .unconditional, help: "Figure format: png, svg or pdf (one file per figure), or gif, html or tex (one animation, stepper page or Beamer deck per run).")
    var format: FigureFormat = .png

    @Option(name: .long, parsing: .unconditional, help: "Figure theme: light, dark or high-contrast.")
    var theme: ThemeName = .light

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Multiply every text size by this (1.25 = a quarter bigger) on the same canvas.", valueName: "factor"), transform: FiniteNumber.parse)
    var textScale: Double = 1

    @Option(name: .long, parsing: .unconditional, help: "Scale of PNG figures (2 doubles the pixels, for projectors; default 1).", transform: FiniteNumber.parse)
    var scale: Double = 1


    @Flag(name: .long, help: "Draw every step, however many there are.")
    var allSteps = false

    @Flag(name: .long, help: "Print the whole trace as JSON on standard output, and nothing else there.")
    var json = false

    @Flag(name: .long, help: "Like --json, on one line without indentation (about half the bytes of a big trace).")
    var jsonCompact = false

    @Flag(name: .long, help: "Exit with status 3 when the lesson file states a value the run does not recompute.")
    var strict = false

    /// How the frame list is named in messages.
    static let stepsName = "--steps"

    /// The variants of the lesson named after `run` in a command line being completed.
    static func variantNames(after words: [String]) -> [String] {
        guard let run = words.firstIndex(of: "run"), run + 1 < words.count,
              let file = try? LessonDirectory.locate().load(words[run + 1]) else { return [] }
        return file.variants.map(\.name)
    }

    func validate() throws {
        try OutputFolder.check(out)
        guard scale > 0, scale <= 8 else { throw ValidationError("--scale must be above 0 and at most 8, got \(scale)") }
        guard textScale >= 0.5, textScale <= 3 else {
            throw ValidationError("--text-scale must be between 0.5 and 3, got \(textScale)")
        }
    }

    /// The steps to draw: those of --steps, every one with --all-steps, else at most 64.
    func stepSelection(_ steps: String?) throws -> StepSelection {
        if let steps {
            if allSteps { throw InputError("give \(RunOptions.stepsName) or --all-steps, not both") }
            return try StepSelection.parse(steps)
        }
        return allSteps ? .all : .automatic
    }

    /// How figures are rendered.
    var renderOptions: RenderOptions {
        RenderOptions(format: format, theme: theme.theme, scale: scale, textScale: textScale)
    }

    /// Writes the figures (unless --no-figures), prints the text or JSON, reports mismatches.
    /// `steps` is the frame list the person gave (`--steps`, or `--frames` where a lesson's own
    /// `--steps` counts something else).
    func finish(_ output: LessonOutput, steps: String? = nil) throws {
        var written: [URL] = []
        if !noFigures {
            let folder = out.map { URL(fileURLWithPath: $0) }
                ?? FigureOutput.folder(root: URL(fileURLWithPath: "output"), lesson: output.lesson, variant: output.variant,
                                    theme: renderOptions.theme.name)
            let title = output.variant == "example" ? output.lesson : "\(output.lesson), variant \(output.variant)"
            let (figures, note) = try stepSelection(steps).apply(to: output.figures)
            if let note { printError("note: \(note)") }
            // A long run shows how far it is on a terminal; a log or a pipe gets no progress lines.
            let showProgress = isatty(STDERR_FILENO) == 1 && figures.count > 16 && !renderOptions.format.isDeck
            let progress: @Sendable (Int, Int) -> Void = { done, total in
                FileHandle.standardError.write(Data("\r\u{1B}[K[\(done)/\(total)] drawing figures".utf8))
            }
            written = try FigureOutput.write(figures, to: folder, options: renderOptions, title: title,
                                             progress: showProgress ? progress : nil)
            if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            if json || jsonCompact { printError("wrote \(Counted.of(written.count, "figure")) to \(folder.relativePath)/") }
        }
        if json || jsonCompact {
            fflush(nil) // anything print buffered goes first
            // Streamed to standard output as it is encoded; a big trace is announced before it starts.
            let budget = try JSONBudget.fromEnvironment()
            let encoder = JSONStreamEncoder(pretty: !jsonCompact, sizeAbove: budget.noticeBytes)
            try output.writeJSON(to: FileHandle.standardOutput, extra: ["figures": written.map(\.relativePath)], encoder: encoder) {
                if let note = budget.note(for: $0, compact: jsonCompact) { printError("note: \(note)") }
            }
        } else {
            print(output.text)
            if renderOptions.format.isDeck, let deck = written.last {
                print("")
                let frames = written.count - 1
                print("Figures: \(deck.relativePath)\(frames > 0 ? " and its \(frames) PDF \(Counted.noun(frames, "frame"))" : "")")
            } else if let first = written.first, let last = written.last {
                print("")
                let names = written.count == 1 ? first.lastPathComponent
                    : first.lastPathComponent + (written.count == 2 ? ", " : " … ") + last.lastPathComponent
                print("Figures: \(written.count) \(renderOptions.format.rawValue.uppercased()) \(Counted.noun(written.count, "file")) "
                      + "in \(first.deletingLastPathComponent().relativePath)/ (\(names))")
            }
        }
        if strict, !output.mismatches.isEmpty {
            printError("\(output.mismatches.count) stated \(Counted.noun(output.mismatches.count, "value")) \(output.mismatches.count == 1 ? "does" : "do") not match the recomputation")
            throw ExitCode(3)
        }
    }
}

/// The figure themes, for the command line.
enum ThemeName: String, ExpressibleByArgument, CaseIterable {
    case light, dark
    case highContrast = "high-contrast"

    /// The theme itself.
    var theme: Theme {
        switch self {
        case .light: return .light
        case .dark: return .dark
        case .highContrast: return .highContrast
        }
    }
}

extension FigureFormat: ExpressibleByArgument {}
