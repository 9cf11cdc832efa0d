import Foundation
import LessonGrader
import LessonLibrary

/// Issues 6 and 15: `lesson grade` on 10,000 answer files of the ten-question parameter-count
/// exercise, end to end: files listed and read, YAML parsed, graded, gradebook CSV, JSON report
/// and one Gradescope results.json per student written.
///
/// The files cycle through the shipped samples (right, partly right, each named mistake, half
/// the questions left out, JSON), each with its own student id; one in 500 is malformed YAML,
/// one in 500 is empty, one in 500 has a student id that tries to leave the output folder, and
/// one in 1,000 is a second file of the student before it (a duplicate id, graded by date).
/// The first row runs the release `lesson` executable as a whole process, as a teacher would.
enum GradeBenchmark {
    /// Prints a line at once, even through a pipe.
    static func show(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static let count = 10_000

    /// Writes the answer files into `folder`.
    static func writeSubmissions(to folder: URL, samples: URL) throws {
        func sample(_ name: String) throws -> String {
            try String(contentsOf: samples.appendingPathComponent(name), encoding: .utf8)
        }
        let templates = try ["anna.yaml", "carl.yaml", "dora.yaml", "emil.yaml", "fay.yaml", "gus.yaml", "hugo.yaml",
                             "ines.yaml", "ben.json"].map(sample)
        let malformed = try sample("malformed.yaml"), empty = try sample("empty.yaml"), escape = try sample("path-escape.yaml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for i in 0..<count {
            var id = String(format: "s%05d", i)
            var template = templates[i % templates.count]
            var ext = template.hasPrefix("{") ? "json" : "yaml"
            switch i % 1000 {
            case 123, 623: template = malformed
            case 247, 747: template = empty
            case 371, 871: template = escape
            case 999:
                // A second, later file of the student before: a duplicate id.
                id = String(format: "s%05d", i - 1)
                ext = "yml"
                template = templates[0] + "submitted: 2030-01-01T00:00:00Z\n"
            default: break
            }
            let text = template.replacingOccurrences(of: "student: ", with: "student: \(id)-")
                .replacingOccurrences(of: "\"student\": \"", with: "\"student\": \"\(id)-")
            try text.write(to: folder.appendingPathComponent("\(id).\(ext)"), atomically: false, encoding: .utf8)
        }
    }

    static func run(directory: LessonDirectory) throws {
        let root = directory.url.deletingLastPathComponent()
        let exerciseFile = root.appendingPathComponent("exercises/param-count.yaml")
        let exercise = try Exercise.load(exerciseFile)
        let folder = scratchFolder("grade-submissions")
        let out = scratchFolder("grade-out")
        let fresh = FreshFolders(base: out)
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: out)
            fresh.removeAll()
        }
        let generation = DispatchTime.now().uptimeNanoseconds
        try writeSubmissions(to: folder, samples: root.appendingPathComponent("exercises/submissions/param-count"))
        show(String(format: "grade: wrote %d answer files in %.2f s (not measured)", count,
                    Double(DispatchTime.now().uptimeNanoseconds - generation) / 1e9))
        try measureWholeProcess(exercise: exerciseFile, submissions: folder, out: out)
        try measureWholeProcess(exercise: exerciseFile, submissions: folder, out: out, fresh: fresh)

        func gradeAll(_ options: ReportWriter.Options, emptyFolder: Bool = false) throws -> Double {
            let target = emptyFolder ? fresh.next() : out
            let start = DispatchTime.now().uptimeNanoseconds
            let set = try SubmissionSet.collect([folder.path])
            let report = Grader.grade(set, exercise: exercise)
            try ReportWriter.write(report, to: target, options: options)
            precondition(report.students.count == count, "graded \(report.students.count) of \(count)")
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        // A rerun over the folder of the run before (files whose bytes are the same are left as
        // they are), and a first run into an empty folder (every file and folder made).
        let configurations: [(String, ReportWriter.Options, Int, Bool)] = [
            ("in process, CSV + JSON", .init(gradescope: false, figures: false), 3, false),
            ("in process, CSV + JSON + Gradescope results.json", .init(gradescope: true, figures: false), 3, false),
            ("in process, CSV + JSON + Gradescope, into an empty folder", .init(gradescope: true, figures: false), 3, true),
            ("in process, CSV + JSON + Gradescope + PNGs of wrong matrices", .init(gradescope: true, figures: true), 1, false),
        ]
        for (name, options, runs, emptyFolder) in configurations {
            _ = try gradeAll(options, emptyFolder: emptyFolder)
            var times: [Double] = []
            for _ in 0..<runs { times.append(try gradeAll(options, emptyFolder: emptyFolder)) }
            times.sort()
            let median = times[times.count / 2]
            show(String(format: "grade: %d submissions, %@: median %.3f s = %.0f submissions/s (best %.0f/s, %d runs)",
                        count, name as NSString, median, Double(count) / median, Double(count) / times[0], runs))
        }
        let files = try SubmissionFile.collect([folder.path])
        let submissions = files.map { Submission.read($0.url, displayName: $0.displayName) }
        measure("grade: grading only (10,000 parsed submissions)", repetitions: 3) {
            _ = Grader.grade(submissions: submissions, exercise: exercise)
        }
        measure("grade: reading and parsing only (10,000 files)", repetitions: 3) {
            _ = files.map { Submission.read($0.url, displayName: $0.displayName) }
        }
        let report = Grader.grade(submissions: submissions, exercise: exercise)
        try measure("grade: CSV and JSON report only", repetitions: 3) {
            try ReportWriter.write(report, to: out, options: .init(gradescope: false, figures: false))
        }
        try measure("grade: CSV, JSON and Gradescope files only", repetitions: 3) {
            try ReportWriter.write(report, to: out, options: .init(gradescope: true, figures: false))
        }
    }

    /// Issue 15's row: `lesson grade param-count <10,000 files> --out <dir> --no-figures` as a
    /// whole process (the release `lesson` beside this executable), Gradescope files written,
    /// over an output folder that holds the previous run (so stale files are checked too).
    /// Prints the median wall time of 5 runs and the mean CPU time of the child. With `fresh`,
    /// each run writes into a new folder, as a teacher's first run does: every file is new.
    static func measureWholeProcess(exercise: URL, submissions: URL, out: URL, fresh: FreshFolders? = nil) throws {
        let emptyFolder = fresh != nil
        let lesson = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("lesson")
        guard FileManager.default.isExecutableFile(atPath: lesson.path) else {
            show("grade: whole process skipped: no \(lesson.path) (swift build -c release --product lesson)")
            return
        }
        // Started with posix_spawn and reaped with wait4 (`SpeedTableBenchmark.runProcess`):
        // Foundation's Process added 25–30 ms to each run, and wait4 gives the child's own CPU.
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        func once() throws -> (wall: Double, cpu: Double) {
            let target = fresh?.next() ?? out
            let timing = try SpeedTableBenchmark.runProcess(
                lesson, ["grade", exercise.path, submissions.path, "--out", target.path, "--no-figures"], root: here)
            return (timing.wall, timing.cpu)
        }
        _ = try once()
        var runs: [(wall: Double, cpu: Double)] = []
        for _ in 0..<5 { runs.append(try once()) }
        let walls = runs.map(\.wall).sorted(), cpu = runs.map(\.cpu).reduce(0, +) / Double(runs.count)
        let median = walls[walls.count / 2]
        show(String(format: "grade: lesson grade, %d submissions, Gradescope files, whole process%@: median %.3f s = %.0f submissions/s "
                        + "(best %.0f/s, cpu %.3f s, %d runs)",
                    count, (emptyFolder ? ", into an empty folder" : "") as NSString, median, Double(count) / median, Double(count) / walls[0], cpu, runs.count))
    }
}

/// New output folders beside `base` (`base-fresh-1`, …), removed together at the end. A first run
/// is timed into a folder that never held files, not one whose 20,000 files were just deleted:
/// ext4 then avoids the inodes freed in the last seconds, and a mkdir took 1 ms instead of 0.1
/// (`strace -c`: 10,003 mkdir, 10.6 s; into a new folder the same run took 1.7 s in all).
final class FreshFolders {
    let base: URL
    private var made: [URL] = []

    init(base: URL) { self.base = base }

    /// A folder name not used before.
    func next() -> URL {
        let url = URL(fileURLWithPath: base.path + "-fresh-\(made.count + 1)")
        try? FileManager.default.removeItem(at: url)
        made.append(url)
        return url
    }

    /// Removes every folder handed out.
    func removeAll() {
        for url in made { try? FileManager.default.removeItem(at: url) }
        made.removeAll()
    }
}
