import Foundation
import LessonCore
import LessonFigures

/// `lesson figures`: every figure of every lesson variant, in every format asked for,
/// written into `output/<lesson>[/<variant>]/` and listed in `output/figures.json`.
///
/// A lesson, variant or figure that fails is recorded as a `FigureFailure` naming it, and
/// the others go on. Files are rendered on both cores; each is written atomically, and its
/// bytes depend only on the figure and the options, never on the order or what ran before.
public enum FigureBatch {
    /// What happened so far, for a progress line.
    public enum Progress: Sendable {
        /// A file was written (or failed): `done` of `total` files, in `lesson`/`variant`.
        case file(done: Int, total: Int, lesson: String, variant: String, file: String)
        /// A file could not be rendered or written (reported as it happens; also in the report).
        case failed(FigureFailure)
        /// Every variant of `lesson` is finished: `files` written, `failures` failed.
        case lesson(String, files: Int, failures: Int)
        /// Not every step of `lesson`/`variant` is drawn: the sentence says which are.
        case note(lesson: String, variant: String, String)
    }

    /// What a batch wrote and what failed.
    public struct Report: Sendable {
        /// Every file written, in lesson, variant, figure, format order.
        public var records: [FigureRecord] = []
        /// Every lesson, variant or file that failed, in the same order.
        public var failures: [FigureFailure] = []
    }

    /// Runs the lessons and collects their figures: every lesson of `lessons` (or only the one
    /// called `lesson`), every variant (or only `variant`). A lesson file or variant that cannot
    /// be run becomes a failure; an unknown lesson or variant asked for by name is an input error.
    public static func jobs(directory: LessonDirectory, lessons: [any Lesson.Type] = LessonRegistry.lessons,
                            lesson: String? = nil, variant: String? = nil) throws -> (jobs: [FigureJob], failures: [FigureFailure]) {
        var chosen = lessons
        if let lesson {
            chosen = lessons.filter { $0.id == lesson }
            guard !chosen.isEmpty else {
                throw InputError("there is no lesson '\(lesson)'; the lessons are \(lessons.map { $0.id }.joined(separator: ", "))")
            }
        }
        var jobs: [FigureJob] = []
        var failures: [FigureFailure] = []
        var variantFound = false
        for type in chosen {
            let file: LessonFile
            do { file = try directory.load(type.id) } catch {
                failures.append(FigureFailure(lesson: type.id, reason: sentence(error)))
                continue
            }
            var variants = file.variants
            if let variant {
                variants = variants.filter { $0.name == variant }
                if variants.isEmpty, lesson != nil { _ = try file.variant(variant) }
            }
            variantFound = variantFound || !variants.isEmpty
            for item in variants {
                do {
                    let output = try type.run(file, variant: item)
                    let title = item.name == "example" ? file.title : "\(file.title), variant \(item.name)"
                    jobs.append(FigureJob(lesson: type.id, variant: item.name, title: title, figures: output.figures))
                } catch {
                    failures.append(FigureFailure(lesson: type.id, variant: item.name, reason: sentence(error)))
                }
            }
        }
        if let variant, !variantFound, failures.isEmpty {
            throw InputError("no lesson has a variant '\(variant)'")
        }
        return (jobs, failures)
    }

    /// Renders and writes every figure of `jobs` (and a filmstrip per job) under `root`.
    public static func render(_ jobs: [FigureJob], root: URL, options: FigureBatchOptions,
                              progress: (@Sendable (Progress) -> Void)? = nil) throws -> Report {
        try FigureRenderer.prepare(directory: root)
        var jobs = jobs
        for index in jobs.indices {
            let (figures, note) = try options.steps.apply(to: jobs[index].figures)
            jobs[index].figures = figures
            if let note { progress?(.note(lesson: jobs[index].lesson, variant: jobs[index].variant, note)) }
        }
        let work = jobs.map { job -> [Figure] in
            guard options.filmstrips, let strip = Filmstrip.figure(from: job.figures, title: job.title) else { return job.figures }
            return job.figures + [strip]
        }
        let fileFormats = options.formats.filter { !$0.isDeck }.count, deckFormats = options.formats.count - fileFormats
        let total = work.reduce(0) { $0 + $1.count } * fileFormats + jobs.count * deckFormats
        let counter = Counter()
        var report = Report()
        var lessonFiles = 0, lessonFailures = 0
        for (index, job) in jobs.enumerated() {
            let (records, failures) = render(job, figures: work[index], root: root, options: options) { file, failure in
                let done = counter.increment()
                if let failure { progress?(.failed(failure)) }
                progress?(.file(done: done, total: total, lesson: job.lesson, variant: job.variant, file: file))
            }
            // The frames' shared backdrops are drawn once per job; free them with the job.
            for figure in work[index] { figure.backdrop?.discardDrawn() }
            report.records += records
            report.failures += failures
            lessonFiles += records.count
            lessonFailures += failures.count
            if index == jobs.count - 1 || jobs[index + 1].lesson != job.lesson {
                progress?(.lesson(job.lesson, files: lessonFiles, failures: lessonFailures))
                lessonFiles = 0
                lessonFailures = 0
            }
        }
        return report
    }

    /// Writes `figures.json` in `root` atomically: the records and the failures, pretty-printed
    /// with sorted keys (the same bytes every run).
    ///
    /// An index already there is merged, not replaced: its entries for lesson variants this
    /// report did not render (in that theme and format) stay, after the new ones of their
    /// lesson, lessons in catalog order. An index that cannot be read is replaced.
    @discardableResult
    public static func writeIndex(_ report: Report, root: URL) throws -> URL {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let old = try? JSONDecoder().decode(Index.self, from: Data(contentsOf: root.appendingPathComponent("figures.json")))
        let data = try encoder.encode(merged(report, into: old ?? Index(figures: [], failures: [])))
        let url = root.appendingPathComponent("figures.json")
        try FigureRenderer.writeAtomically(data + Data("\n".utf8), to: url)
        return url
    }

    /// `report` merged into `index`: the report's records and failures replace the entries of
    /// the same lesson variant (records: same theme and format too), and the lessons keep catalog order.
    public static func merged(_ report: Report, into index: Index) -> Index {
        struct Key: Hashable { var lesson, variant, theme, format: String }
        let renderedKeys = Set(report.records.map { Key(lesson: $0.lesson, variant: $0.variant, theme: $0.theme, format: $0.format) })
        let renderedVariants = Set((report.records.map { [$0.lesson, $0.variant] }) + report.failures.map { [$0.lesson, $0.variant ?? ""] })
        let order = Dictionary(LessonRegistry.lessons.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        func rank(_ lesson: String) -> Int { order[lesson] ?? Int.max }
        let renderedFiles = Set(report.records.map(\.file))
        let kept = index.figures.filter {
            !renderedKeys.contains(Key(lesson: $0.lesson, variant: $0.variant, theme: $0.theme, format: $0.format))
                && !renderedFiles.contains($0.file)
        }
        let figures = (report.records + kept).enumerated()
            .sorted { (rank($0.element.lesson), $0.offset) < (rank($1.element.lesson), $1.offset) }.map(\.element)
        let keptFailures = index.failures.filter { !renderedVariants.contains([$0.lesson, $0.variant ?? ""]) }
        let failures = (report.failures + keptFailures).enumerated()
            .sorted { (rank($0.element.lesson), $0.offset) < (rank($1.element.lesson), $1.offset) }.map(\.element)
        return Index(figures: figures, failures: failures)
    }

    /// Writes `index.html` in `root`: a link to every stepper page of `report`, by lesson.
    @discardableResult
    public static func writeStepperIndex(_ report: Report, root: URL, theme: Theme) throws -> URL {
        let pages = report.records.filter { $0.format == FigureFormat.html.rawValue }
            .map { StepperIndexPage.Entry(lesson: $0.lesson, variant: $0.variant, href: $0.file, description: $0.description) }
        let url = root.appendingPathComponent("index.html")
        try FigureRenderer.writeAtomically(Data(StepperIndexPage.html(pages, theme: theme).utf8), to: url)
        return url
    }

    /// The content of `figures.json`.
    public struct Index: Codable, Sendable {
        /// Every file written.
        public var figures: [FigureRecord]
        /// What failed, each naming its lesson, variant and step.
        public var failures: [FigureFailure]
    }

    // MARK: One job

    /// The tasks of a job (figure × format, numbered as `render` numbers them) with the largest
    /// figures first, the others in their order. The filmstrip, last of a job and up to eight
    /// frames' pixels, used to start last and keep one core busy alone at the end of every
    /// job; started first, it runs beside the frames. Only the order of work changes: each
    /// file's bytes and the records' order are the same.
    public static func largestFirst(_ figures: [Figure], formats: Int) -> [Int] {
        let tasks = Array(0..<(figures.count * formats))
        let area = { (task: Int) in figures[task / formats].width * figures[task / formats].height }
        // Stable: tasks of equal area keep their order.
        return tasks.enumerated().sorted { a, b in
            area(a.element) != area(b.element) ? area(a.element) > area(b.element) : a.offset < b.offset
        }.map(\.element)
    }

    private static func render(_ job: FigureJob, figures: [Figure], root: URL, options: FigureBatchOptions,
                               fileDone: @escaping @Sendable (String, FigureFailure?) -> Void) -> ([FigureRecord], [FigureFailure]) {
        let folder = FigureOutput.folder(root: root, lesson: job.lesson, variant: job.variant, theme: options.theme.name)
        do { try FigureRenderer.prepare(directory: folder) } catch {
            return ([], [FigureFailure(lesson: job.lesson, variant: job.variant, reason: sentence(error))])
        }
        let relativeFolder = FigureOutput.relativeFolder(lesson: job.lesson, variant: job.variant, theme: options.theme.name)
        let formats = options.formats.filter { !$0.isDeck }
        let slots = Slots<Result<FigureRecord, FigureFailure>>(count: figures.count * formats.count)
        let order = largestFirst(figures, formats: formats.count)
        DispatchQueue.concurrentPerform(iterations: figures.count * formats.count) { turn in
            let task = order[turn]
            let figure = figures[task / formats.count], format = formats[task % formats.count]
            let name = figure.name + "." + format.fileExtension
            let renderOptions = options.renderOptions(for: figure, format: format)
            let result: Result<FigureRecord, FigureFailure>
            do {
                let surface = try FigureRenderer.surface(for: figure, options: renderOptions)
                let bytes = try surface.encoded()
                try FigureRenderer.writeAtomically(bytes, to: folder.appendingPathComponent(name))
                // The size of the file: whole pixels for PNG, points for SVG and PDF.
                let width = format == .png ? surface.width.rounded(.up) : surface.width.rounded()
                let height = format == .png ? surface.height.rounded(.up) : surface.height.rounded()
                result = .success(FigureRecord(file: relativeFolder + "/" + name, lesson: job.lesson, variant: job.variant,
                                               step: figure.step, name: figure.name, format: format.rawValue,
                                               theme: options.theme.name, width: Int(width), height: Int(height),
                                               description: figure.description))
            } catch {
                result = .failure(FigureFailure(lesson: job.lesson, variant: job.variant, step: figure.step, file: name,
                                                reason: sentence(error)))
            }
            slots.set(task, result)
            if case .failure(let failure) = result { fileDone(name, failure) } else { fileDone(name, nil) }
        }
        FigureOutput.removeTemporaryFiles(in: folder)
        var records: [FigureRecord] = [], failures: [FigureFailure] = []
        for result in slots.values {
            switch result {
            case .success(let record): records.append(record)
            case .failure(let failure): failures.append(failure)
            case nil: preconditionFailure("a figure task of \(job.lesson) did not report")
            }
        }
        for format in options.formats where format.isDeck {
            let (record, failure) = renderDeck(job, format: format, folder: folder, relativeFolder: relativeFolder, options: options)
            if let record { records.append(record) }
            if let failure { failures.append(failure) }
            fileDone(FigureDeck.fileName(for: format), failure)
        }
        removeStaleFrames(in: folder, keeping: Set(records.map { String($0.file.split(separator: "/").last ?? "") }),
                          formats: formats)
        return (records, failures)
    }

    /// Writes one deck of `job` (animation, stepper page or Beamer file) and its record.
    private static func renderDeck(_ job: FigureJob, format: FigureFormat, folder: URL, relativeFolder: String,
                                   options: FigureBatchOptions) -> (FigureRecord?, FigureFailure?) {
        let name = FigureDeck.fileName(for: format)
        guard let first = job.figures.first else {
            return (nil, FigureFailure(lesson: job.lesson, variant: job.variant, file: name, reason: "the lesson drew no figures"))
        }
        let renderOptions = options.renderOptions(for: first, format: format)
        do {
            let written = try FigureDeck.write(job.figures, title: job.title, to: folder, options: renderOptions)
            let frames = format == .gif ? FigureAnimation.frames(of: job.figures).count : job.figures.count
            let description: String
            switch format {
            case .gif: description = "An animation of \(job.title), \(frames) \(Counted.noun(frames, "frame"))."
            case .html: description = "A page that steps through \(job.title), \(frames) \(Counted.noun(frames, "frame"))."
            default: description = "Beamer slides of \(job.title), \(frames) \(Counted.noun(frames, "frame")) (PDF frames beside it)."
            }
            let file = written.last?.lastPathComponent ?? name
            return (FigureRecord(file: relativeFolder + "/" + file, lesson: job.lesson, variant: job.variant, step: nil,
                                 name: String(file.split(separator: ".").first ?? ""), format: format.rawValue,
                                 theme: options.theme.name, width: Int((first.width * renderOptions.scale).rounded()),
                                 height: Int((first.height * renderOptions.scale).rounded()), description: description), nil)
        } catch {
            return (nil, FigureFailure(lesson: job.lesson, variant: job.variant, file: name, reason: sentence(error)))
        }
    }

    /// Removes `step-*` files of the formats written that this run did not write (left by an
    /// earlier run of a longer trace, or by a frame that failed now).
    private static func removeStaleFrames(in folder: URL, keeping: Set<String>, formats: [FigureFormat]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        let extensions = Set(formats.map { "." + $0.fileExtension })
        for name in names where name.hasPrefix("step-") && !keeping.contains(name)
            && extensions.contains(where: { name.hasSuffix($0) }) {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// An error as the sentence a person reads.
    static func sentence(_ error: Error) -> String {
        switch error {
        case let error as InputError: return error.message
        case let error as FigureWriteError: return error.message
        case let error as CairoError: return error.description
        case let error as PNGError: return error.message
        case let error as GIFError: return error.message
        default: return String(describing: error)
        }
    }
}

/// A count shared by the rendering threads.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int {
        lock.lock(); defer { lock.unlock() }
        value += 1
        return value
    }
}
