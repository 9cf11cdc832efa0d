import LessonTestSupport
import Foundation
import Testing

/// `lesson grade`, `lesson exercise` and `lesson run param-count` as a person runs them.
@Suite struct GradeCommandTests {
    @Test func gradesAFolderAndWritesTheGradebook() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try runLesson(["grade", "param-count", "exercises/submissions/param-count", "--out", out.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("anna (anna.yaml): 17 of 17 points"), "feedback names the file, not the grader's path")
        #expect(result.stdout.contains("✗ regression 0/2: wrong: expected 37, got 28; this is the answer with biases forgotten (8 + 16 + 4 = 28)"))
        #expect(result.stdout.contains("error: the answer file is not UTF-8 text"))
        #expect(result.stdout.contains("Graded 13 submissions of 'param-count' (17 points)"))
        #expect(result.stdout.contains("conv-total (2 points): 6 of 10 right; most common wrong answer"))
        let csv = try String(contentsOf: out.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 15)
        #expect(lines[0] == "Student,ID,SIS User ID,SIS Login ID,Section,Counting parameters")
        #expect(lines[1] == "    Points Possible,,,,,17")
        #expect(lines.contains("anna,,anna,,,17"))
        let moodle = try String(contentsOf: out.appendingPathComponent("moodle.csv"), encoding: .utf8)
        #expect(moodle.hasPrefix("Username,Counting parameters\r\n"))
        #expect(moodle.contains("\r\nanna,17\r\n"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("figures/carl/conv-per-layer.png").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("gradescope/anna/results.json").path))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("report.json"))) as? [String: Any]
        #expect((report?["students"] as? [Any])?.count == 13)
    }

    /// A file cannot claim another student's id: the file name decides, a disagreeing or
    /// malformed 'student:' field is a note, and the student's own file is graded.
    @Test func studentFieldsAreFlaggedNotObeyed() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("student: bob\nanswers: {regression: 0}\n".utf8).write(to: folder.appendingPathComponent("eve.yaml"))
        try Data("student: bob\nanswers: {regression: 37}\n".utf8).write(to: folder.appendingPathComponent("bob.yaml"))
        try Data("student: [1, 2]\nanswers: {regression: 37}\n".utf8).write(to: folder.appendingPathComponent("c.yaml"))
        let result = try runLesson(["grade", "param-count", folder.path, "--out", folder.appendingPathComponent("out").path, "--verbose"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("bob (bob.yaml): 2 of 17 points"), "\(result.stdout)")
        #expect(result.stdout.contains("eve (eve.yaml): 0 of 17 points\n  note: the file says 'student: bob' but is graded as 'eve', whose file name it has"), "\(result.stdout)")
        #expect(result.stdout.contains("c (c.yaml): 2 of 17 points\n  note: the file says 'student: [1, 2]' but is graded as 'c'"), "\(result.stdout)")
        #expect(!result.stdout.contains("warning:"), "no duplicates: \(result.stdout)")
    }

    @Test func gradescopeModeWritesOneResultsFile() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let results = out.appendingPathComponent("results.json")
        let result = try runLesson(["grade", "exercises/conv-5x5.yaml", "exercises/submissions/conv-5x5/ivan.yaml",
                                    "--out", out.path, "--gradescope", results.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: results)) as? [String: Any]
        #expect((object?["tests"] as? [Any])?.count == 9)
        let many = try runLesson(["grade", "conv-5x5", "exercises/submissions/conv-5x5", "--gradescope", results.path, "--out", out.path])
        #expect(many.status == 1)
        #expect(many.stderr.contains("--gradescope writes one student's results.json, but 5 answer files were given"))
    }

    @Test(arguments: [
        (["grade", "nope", "x.yaml"], "there is no exercise 'nope' (no file exercises/nope.yaml); the exercises are backprop-step, backward-pass, conv-5x5, conv-variants, network-basics, output-sizes, param-count, pooling"),
        (["grade", "param-count", "/nonexistent/answers"], "the submission '/nonexistent/answers' does not exist"),
        (["grade", "param-count"], "give at least one answer file or folder after the exercise"),
        (["exercise", "show", "nope"], "there is no exercise 'nope'"),
        (["exercise", "check", "/nonexistent/x.yaml"], "the exercise file '/nonexistent/x.yaml' does not exist"),
        (["exercise", "autograder", "conv-5x5", "--out", "/nonexistent/bundle", "--reveal", "never"], "--reveal: 'never' is not a Gradescope visibility; expected after_published or after_due_date"),
        (["exercise", "sheets", "conv-5x5", "--students", "a", "--format", "docx"], "--format: 'docx' is not a sheet format; expected pdf, md or pdf,md"),
        (["grade", "param-count", "exercises/submissions/param-count", "--roster", "/nonexistent.csv"], "the roster '/nonexistent.csv' cannot be read (no such file)"),
        (["grade", "param-count", "exercises/submissions/param-count", "--per-question", "--canvas-assignment", "12"], "--canvas-assignment fills one existing assignment, so it cannot be used with --per-question"),
        (["run", "param-count", "--model", "input(28,28,1) conv2d(8)"], "in the model, word 2 'conv2d(8)' (column 16): 'kernel_size' is missing"),
        (["run", "param-count", "--model", "input(4,4,1) conv2d(8,5)"], "layer 1, conv2d(8,5): the kernel (5 height) is larger than the padded input"),
        (["run", "param-count", "--model-file", "/nonexistent.yaml"], "/nonexistent.yaml: the file cannot be read (no such file)"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(arguments + (arguments[0] == "run" ? ["--no-figures"] : []))
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    }

    @Test func exerciseSheetShowsTheStudentsOwnNumbers() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let a = try runLesson(["exercise", "show", "output-sizes", "--student", "mia", "--no-figures"])
        let b = try runLesson(["exercise", "show", "output-sizes", "--student", "nils", "--no-figures"])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout.contains("Sheet of student mia"))
        #expect(a.stdout != b.stdout.replacingOccurrences(of: "nils", with: "mia"))
        let conv = try runLesson(["exercise", "show", "conv-5x5", "--student", "jana", "--out", out.path])
        #expect(conv.status == 0)
        #expect(conv.stdout.contains("input (4×4): 3 4 4 4; 4 3 3 2; 1 2 4 5; 2 5 0 0"))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("your-input.png").path))
    }

    @Test func perQuestionGradebookAndARoster() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let roster = out.appendingPathComponent("roster.csv")
        try Data("Student,ID,SIS User ID,SIS Login ID,Section\n    Points Possible,,,,\n\"Lovelace, Ada\",1001,S001,anna,A\n\"Turing, Alan\",1002,S002,alan,A\n".utf8).write(to: roster)
        let result = try runLesson(["grade", "param-count", "exercises/submissions/param-count/anna.yaml", "exercises/submissions/param-count/ben.json",
                                    "--roster", roster.path, "--per-question", "--out", out.appendingPathComponent("g").path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("(canvas): 1 of 2 students have a graded file."))
        #expect(result.stdout.contains("  no file from 1: Turing, Alan (alan)"))
        #expect(result.stdout.contains("  files with no roster student (1): ben.json (student 'ben')"))
        let csv = try String(contentsOf: out.appendingPathComponent("g/gradebook.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        #expect(csv[0] == "Student,ID,SIS User ID,SIS Login ID,Section,Counting parameters: regression,Counting parameters: classification,Counting parameters: logistic-mnist,Counting parameters: mlp-mnist,Counting parameters: conv-per-layer,Counting parameters: conv-total,Counting parameters: separable-total,Counting parameters: conv1-shape,Counting parameters: conv2-shape,Counting parameters: pooling-params")
        #expect(csv[2] == "\"Lovelace, Ada\",1001,S001,anna,A,2,2,1,2,3,2,2,1,1,1")
        #expect(csv[3] == "\"Turing, Alan\",1002,S002,alan,A,,,,,,,,,,")
        let bad = try runLesson(["grade", "param-count", "exercises/submissions/param-count/right.yaml", "--canvas-assignment", "abc"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--canvas-assignment: 'abc' is not a Canvas assignment id"))
    }

    @Test func sheetsCheckAndAutograderForAClass() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let sheets = try runLesson(["exercise", "sheets", "exercises/conv-5x5.yaml", "--students", "jana", "mia", "--out", out.path])
        #expect(sheets.status == 0, "stderr: \(sheets.stderr)")
        #expect(sheets.stdout.contains("Wrote 2 sheets of 'conv-5x5' (pdf, md)"))
        let pdf = try Data(contentsOf: out.appendingPathComponent("jana.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let md = try String(contentsOf: out.appendingPathComponent("mia.md"), encoding: .utf8)
        #expect(md.hasPrefix("# The 5×5 convolution\n\nSheet of student **mia**"))
        let check = try runLesson(["exercise", "check", "exercises/output-sizes.yaml", "--students", "mia"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("is valid: 9 questions, 13 points."))
        let noStudents = try runLesson(["exercise", "sheets", "conv-5x5"])
        #expect(noStudents.status == 1)
        #expect(noStudents.stderr.contains("give --roster FILE.csv or --students ID... to say whose sheets to write"))
        let bundle = out.appendingPathComponent("bundle")
        let auto = try runLesson(["exercise", "autograder", "conv-5x5", "--out", bundle.path])
        #expect(auto.status == 0, "stderr: \(auto.stderr)")
        for name in ["setup.sh", "run_autograder", "exercise.yaml", "README.md", "lesson/Package.swift", "lesson/Sources/LessonGrader/Exercises/Exercise.swift"] {
            #expect(FileManager.default.fileExists(atPath: bundle.appendingPathComponent(name).path), "\(name)")
        }
        #expect(FileManager.default.isExecutableFile(atPath: bundle.appendingPathComponent("run_autograder").path))
        let run = try String(contentsOf: bundle.appendingPathComponent("run_autograder"), encoding: .utf8)
        #expect(run.contains("--gradescope /autograder/results/results.json"))
    }

    @Test func showTakesAPathWithoutExtensionAndPrintsMarkdown() throws {
        let result = try runLesson(["exercise", "show", "exercises/conv-variants", "--student", "anna", "--markdown", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("# Convolution variants\n\nSheet of student **anna**"))
        #expect(result.stdout.contains("- n: your answer to question pool-size"))
        #expect(result.stdout.contains("```yaml\nstudent: anna\nanswers:\n  conv1d-valid: [<numbers, separated by commas>]"))
    }


    @Test(arguments: [("example", 8586), ("separable", 1427), ("regression", 37), ("classification", 62),
                      ("logistic-mnist", 7850), ("mlp-mnist", 89610)])
    func jsonOfEveryVariant(variant: String, total: Int) throws {
        let result = try runLesson(["run", "param-count", "--variant", variant, "--json", "--no-figures", "--strict"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["total_params"] as? Int == total)
        let layers = object?["layers"] as? [[String: Any]]
        #expect(layers?.allSatisfy { $0["type"] is String && $0["output_shape"] is [Int] && $0["params"] is Int } == true)
    }

    @Test func customModelJSON() throws {
        let result = try runLesson(["run", "param-count", "--model", "input(10,8) lstm(32) batch_norm dense(5)", "--json", "--no-figures"])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let layers = object?["layers"] as? [[String: Any]]
        #expect(layers?.map { $0["params"] as? Int } == [5248, 128, 165])
        #expect(layers?.map { $0["type"] as? String } == ["LSTM", "BatchNormalization", "Dense"])
        #expect(object?["non_trainable_params"] as? Int == 64)
    }
}
