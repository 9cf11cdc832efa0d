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
        #expect(lines.count == 14)
        #expect(lines[0].hasPrefix("Student,ID,SIS User ID,SIS Login ID,Section,param-count regression (2),"))
        #expect(lines.contains("anna,,anna,,,2,2,1,2,3,2,2,1,1,1,17"))
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
        (["grade", "nope", "x.yaml"], "there is no exercise 'nope' (no file exercises/nope.yaml); the exercises are backprop-step, conv-5x5, output-sizes, param-count, pooling"),
        (["grade", "param-count", "/nonexistent/answers"], "the submission '/nonexistent/answers' does not exist"),
        (["grade", "param-count"], "give at least one answer file or folder after the exercise"),
        (["exercise", "show", "nope"], "there is no exercise 'nope'"),
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

    @Test func paramCountPrintsTheTableAndTheFormulas() throws {
        let result = try runLesson(["run", "param-count", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("conv2d(8,7,stride=2) (Conv2D)             11×11×8           400"))
        #expect(result.stdout.contains("params: (k·k·C_in + 1)·filters = (7·7·1 + 1)·8 = 400"))
        #expect(result.stdout.contains("Total: 400 + 3,216 + 4,640 + 0 + 330 = 8,586"))
        #expect(result.stdout.contains("in agreement with the recomputation"))
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
