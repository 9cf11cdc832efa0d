import Foundation
import LessonLibrary
import LessonTestSupport
import Testing

/// Every lesson's whole output, compared with reference files in `References/`:
/// `lesson run <id> [--variant v] --no-figures` (text), the same with `--json`, and
/// `lesson run <id> --help`. `LESSON_RECORD=1 swift test --filter ReferenceOutputTests`
/// writes them anew after an intended change; the diff of the reference files shows it.
@Suite struct ReferenceOutputTests {
    /// Every lesson with every variant of its file, as `lesson list` names them.
    static let runs: [(lesson: String, variant: String)] = {
        let directory = LessonDirectory(url: packageRoot.appendingPathComponent("lessons"))
        return LessonRegistry.lessons.flatMap { lesson in
            ((try? directory.load(lesson.id).variants.map(\.name)) ?? ["example"]).map { (lesson.id, $0) }
        }
    }()

    static let lessons: [String] = LessonRegistry.lessons.map { $0.id }

    private func arguments(_ lesson: String, _ variant: String) -> [String] {
        ["run", lesson] + (variant == "example" ? [] : ["--variant", variant]) + ["--no-figures"]
    }

    private func name(_ lesson: String, _ variant: String, _ ext: String) -> String {
        variant == "example" ? "\(lesson).\(ext)" : "\(lesson).\(variant).\(ext)"
    }

    @Test("text of every lesson and variant", arguments: runs.map { "\($0.lesson) \($0.variant)" })
    func text(_ run: String) throws {
        let (lesson, variant) = (String(run.split(separator: " ")[0]), String(run.split(separator: " ")[1]))
        let result = try runLesson(arguments(lesson, variant))
        if let problem = ReferenceFile.mismatch(result.transcript(), named: name(lesson, variant, "txt")) { Issue.record("\(problem)") }
    }

    /// The variants that reproduce a slide as printed, errors included: `--strict` fails on them.
    static let disagreeing: Set<String> = ["conv2d slide", "conv2d-modes slide"]

    @Test("--strict passes where the lesson file agrees with the recomputation", arguments: runs.map { "\($0.lesson) \($0.variant)" })
    func strict(_ run: String) throws {
        let (lesson, variant) = (String(run.split(separator: " ")[0]), String(run.split(separator: " ")[1]))
        let result = try runLesson(arguments(lesson, variant) + ["--strict"])
        #expect(result.status == (Self.disagreeing.contains(run) ? 3 : 0), "\(result.stderr)")
    }

    @Test("JSON of every lesson and variant", arguments: runs.map { "\($0.lesson) \($0.variant)" })
    func json(_ run: String) throws {
        let (lesson, variant) = (String(run.split(separator: " ")[0]), String(run.split(separator: " ")[1]))
        let result = try runLesson(arguments(lesson, variant) + ["--json"])
        #expect(result.status == 0 || result.status == 3, "\(result.stderr)")
        if let problem = ReferenceFile.mismatch(result.stdout, named: name(lesson, variant, "json")) { Issue.record("\(problem)") }
    }

    @Test("--help of every lesson", arguments: lessons)
    func help(_ lesson: String) throws {
        let result = try runLesson(["run", lesson, "--help"], environment: ["COLUMNS": "100"])
        #expect(result.status == 0)
        if let problem = ReferenceFile.mismatch(result.stdout, named: "\(lesson).help.txt") { Issue.record("\(problem)") }
    }

    /// `lesson run <lesson>` is parsed by the lesson's command alone; every other spelling of a
    /// help or version request still reaches the whole command's parser: the same help (usage
    /// "lesson run conv2d", the --version line) and the version.
    @Test func helpAndVersionInEverySpellingAreTheWholeCommands() throws {
        let help = try runLesson(["run", "conv2d", "--help"], environment: ["COLUMNS": "100"])
        #expect(help.stdout.contains("USAGE: lesson run conv2d <options>") && help.stdout.contains("--version"))
        for spelling in [["-h"], ["--help-hidden"], ["--help=1"], ["--no-figures", "-h"], ["-hv"]] {
            let result = try runLesson(["run", "conv2d"] + spelling, environment: ["COLUMNS": "100"])
            #expect(result.status == 0 && result.stdout == help.stdout, "\(spelling): \(result.stdout.prefix(200))")
        }
        for spelling in [["--version"], ["--no-figures", "--version=1"]] {
            let result = try runLesson(["run", "conv2d"] + spelling)
            #expect(result.status == 0 && result.stdout.hasPrefix("lesson "), "\(spelling): \(result.transcript())")
        }
    }
}
