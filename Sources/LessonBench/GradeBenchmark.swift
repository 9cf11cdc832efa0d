import Foundation
import LessonGrader
import LessonLibrary

/// Issue 6: `lesson grade` on 10,000 answer files of the ten-question parameter-count
/// exercise, end to end: files listed and read, YAML parsed, graded, gradebook CSV and
/// JSON report written. Submissions cycle through the shipped samples (right, partly
/// right, each named mistake), each with its own student id.
enum GradeBenchmark {
    /// Prints a line at once, even through a pipe.
    static func show(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    static func run(directory: LessonDirectory) throws {
        let root = directory.url.deletingLastPathComponent()
        let exercise = try Exercise.load(root.appendingPathComponent("exercises/param-count.yaml"))
        let samples = root.appendingPathComponent("exercises/submissions/param-count")
        let templates = try ["anna.yaml", "carl.yaml", "dora.yaml", "emil.yaml",
                             "fay.yaml", "gus.yaml", "hugo.yaml", "ben.json"]
            .map { try String(contentsOf: samples.appendingPathComponent($0), encoding: .utf8) }
        let count = 10_000
        let folder = scratchFolder("grade-submissions")
        let out = scratchFolder("grade-out")
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: out)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let generation = DispatchTime.now().uptimeNanoseconds
        for i in 0..<count {
            let template = templates[i % templates.count]
            let id = String(format: "s%05d", i)
            let text = template.replacingOccurrences(of: "student: ", with: "student: \(id)-")
                .replacingOccurrences(of: "\"student\": \"", with: "\"student\": \"\(id)-")
            let ext = template.hasPrefix("{") ? "json" : "yaml"
            try text.write(to: folder.appendingPathComponent("\(id).\(ext)"), atomically: false, encoding: .utf8)
        }
        show(String(format: "grade: wrote %d answer files in %.2f s (not measured)", count,
                     Double(DispatchTime.now().uptimeNanoseconds - generation) / 1e9))
        func gradeAll(_ options: ReportWriter.Options) throws -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            let files = try SubmissionFile.collect([folder.path])
            let report = Grader.grade(files: files, exercise: exercise)
            try ReportWriter.write(report, to: out, options: options)
            precondition(report.students.count == count, "graded \(report.students.count) of \(count)")
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        let configurations: [(String, ReportWriter.Options, Int)] = [
            ("CSV + JSON", .init(gradescope: false, figures: false), 3),
            ("CSV + JSON + 10,000 Gradescope results.json", .init(gradescope: true, figures: false), 3),
            ("CSV + JSON + Gradescope + PNGs of 5,000 wrong matrices", .init(gradescope: true, figures: true), 1),
        ]
        for (name, options, runs) in configurations {
            _ = try gradeAll(options)
            var times: [Double] = []
            for _ in 0..<runs { times.append(try gradeAll(options)) }
            times.sort()
            let median = times[times.count / 2]
            show(String(format: "grade: %d submissions × 10 questions, %@: median %.3f s = %.0f submissions/s (best %.0f/s, %d runs)",
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
    }
}
