import LessonTestSupport
import LessonLibrary
import Foundation
import Testing

/// Issue 16, end to end: inputs that are not numbers, input mistakes as one sentence and
/// exit 1, bounded sizes, and grading a hostile folder.
@Suite struct InputSafetyCommandTests {
    @Test(arguments: [
        (["run", "conv2d", "--bias", "nan"], "error: The value 'nan' is invalid for '--bias <bias>': it is not a finite number; nan and inf are refused; --help lists the options"),
        (["run", "conv2d", "--bias", "inf"], "error: The value 'inf' is invalid for '--bias <bias>': it is not a finite number; nan and inf are refused; --help lists the options"),
        (["run", "conv2d", "--bias", "1e308/1e-308"], "error: The value '1e308/1e-308' is invalid for '--bias <bias>': it is not a number this tool can hold: it overflows beyond ±1.8e308; --help lists the options"),
        (["run", "conv2d", "--input", "inf/1"], "error: --input \"inf/1\": 'inf/1' in row 1, column 1 is not a finite number; nan and inf are refused"),
        (["run", "conv2d", "--input", "nan/1"], "error: --input \"nan/1\": 'nan/1' in row 1, column 1 is not a finite number; nan and inf are refused"),
        (["run", "conv2d", "--input", "1e308 1e308; 1e308 1e308", "--kernel", "1 1; 1 1"],
         "error: the output cell z[1,1] overflows: the sum is beyond ±1.8e308, which no number here can hold; use smaller values"),
        (["run", "conv2d", "--frobnicate"], "error: Unknown option '--frobnicate'; --help lists the options"),
        (["run", "conv1d", "--padding", "99999999999999999999999"], "error: --padding 99999999999999999999999: expected a whole number, two as rows,columns (such as 2,1), or same, valid or full"),
        (["run", "activations", "--from", "-inf"], "error: The value '-inf' is invalid for '--from <from>': it is not a finite number; nan and inf are refused; --help lists the options"),
        (["run", "pooling", "--input", "1 2; 3 4", "--size", "100000", "--padding", "50000"],
         "error: padding must be at most 100 along the rows, got 50000; more only adds padding around the input"),
        (["run", "pooling", "--input", "1 2; 3 4", "--size", "10000", "--padding", "5000"],
         "error: padding must be at most 100 along the rows, got 5000; more only adds padding around the input"),
    ])
    func inputMistakesAreOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(arguments + ["--no-figures"])
        #expect(result.status == 1, "stdout: \(result.stdout)")
        #expect(result.stderr == message + "\n", "stderr: \(result.stderr)")
    }

    @Test func aWindowsCSVWithAByteOrderMarkIsAMatrix() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("input.csv")
        try Data("\u{FEFF}1,2,0\r\n0,1,3\r\n2,2,1\r\n".utf8).write(to: csv)
        let result = try runLesson(["run", "conv2d", "--input", "@" + csv.path, "--kernel", "1 0; 0 -1", "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let output = object?["output"] as? [[Double]]
        #expect(output == [[0, -1], [-2, 0]], "\(result.stdout.prefix(300))")
        // A NUL byte would cut "12" to "1" unseen: refused.
        try Data("1,2\n3,4\0\n".utf8).write(to: csv)
        let nul = try runLesson(["run", "conv2d", "--input", "@" + csv.path, "--no-figures"])
        #expect(nul.status == 1)
        #expect(nul.stderr.contains("holds a NUL byte"), "\(nul.stderr)")
    }

    @Test func errorsQuoteAShortEscapedExcerptNeverAWholeFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("environ")
        try Data(("HOME=/root\u{1B}[2J" + String(repeating: "SECRET_TOKEN=abcdef ", count: 500)).utf8).write(to: secret)
        let result = try runLesson(["run", "conv2d", "--input", "@" + secret.path, "--no-figures"])
        #expect(result.status == 1)
        #expect(!result.stderr.contains("\u{1B}"), "escaped")
        #expect(result.stderr.count < 400, "\(result.stderr.count) characters")
        #expect(result.stderr.components(separatedBy: "SECRET_TOKEN").count <= 2, "\(result.stderr)")
        let huge = try runLesson(["run", "conv2d", "--input", String(repeating: "9", count: 100_000) + "x", "--no-figures"])
        #expect(huge.status == 1)
        #expect(huge.stderr.count < 400, "\(huge.stderr.count) characters")
        if FileManager.default.fileExists(atPath: "/proc/self/environ") {
            let environ = try runLesson(["run", "conv2d", "--input", "@/proc/self/environ", "--no-figures"])
            #expect(environ.status == 1)
            #expect(environ.stderr.count < 400 && !environ.stderr.contains("LESSON_HOME="), "\(environ.stderr)")
        }
    }

    /// x^2^2 = x⁴ at x = −0.5: ∂J/∂x = 4x³ = −0.5; the constant exponent 2^2 needs no gradient.
    @Test func autodiffOfAConstantExponentIsDefined() throws {
        let result = try runLesson(["run", "autodiff", "--expr", "x^2^2", "--at", "x=-0.5", "--json", "--no-figures"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((object?["gradient"] as? [String: Double])?["x"] == -0.5)
        #expect(object?["value"] as? Double == 0.0625)
        // A truly undefined gradient is null with a reason, and the text does not blame overflow.
        let undefined = try runLesson(["run", "autodiff", "--expr", "x^y", "--at", "x=-0.5,y=2", "--json", "--no-figures"])
        #expect(undefined.status == 0, "stderr: \(undefined.stderr)")
        let u = try JSONSerialization.jsonObject(with: Data(undefined.stdout.utf8)) as? [String: Any]
        let gradient = u?["gradient"] as? [String: Any]
        #expect(gradient?["y"] is NSNull && gradient?["x"] as? Double == -1)
        let nodes = u?["nodes"] as? [[String: Any]] ?? []
        #expect(nodes.contains { ($0["gradient_note"] as? String)?.hasPrefix("undefined over the real numbers") == true })
    }

    @Test func aBrokenLessonFileIsNamedAndTheOthersListed() throws {
        let home = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("lessons"), to: home.appendingPathComponent("lessons"))
        let autodiff = home.appendingPathComponent("lessons/autodiff.yaml")
        let kept = try Data(contentsOf: autodiff)
        try Data("title: [\n".utf8).write(to: autodiff)
        let result = try runLesson(["list"], home: home)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: lessons/autodiff.yaml: not valid YAML"), "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == LessonRegistry.ids.count, "\(result.stdout)")
        #expect(lines.filter { $0.contains("cannot be read") }.count == 1 && lines.contains { $0.hasPrefix("autodiff ") && $0.contains("cannot be read") })
        try kept.write(to: autodiff)
        // A value out of range, or not a finite number, names the file and the line.
        let conv2d = home.appendingPathComponent("lessons/conv2d.yaml")
        let original = try String(contentsOf: conv2d, encoding: .utf8)
        try original.replacingOccurrences(of: "\n  padding: 0\n", with: "\n  padding: -1\n").write(to: conv2d, atomically: true, encoding: .utf8)
        let padding = try runLesson(["run", "conv2d", "--no-figures"], home: home)
        #expect(padding.status == 1)
        #expect(padding.stderr == "error: lessons/conv2d.yaml, line 13 (example.padding): expected a whole number from 0 to 100, found -1\n", "\(padding.stderr)")
        try original.replacingOccurrences(of: "\n  bias: 0\n", with: "\n  bias: \"nan/1\"\n").write(to: conv2d, atomically: true, encoding: .utf8)
        let bias = try runLesson(["run", "conv2d", "--no-figures"], home: home)
        #expect(bias.status == 1)
        #expect(bias.stderr == "error: lessons/conv2d.yaml, line 12 (example.bias): expected a finite number, but 'nan/1' is not a finite number; nan and inf are refused\n", "\(bias.stderr)")
    }

    @Test func gradingAHostileFolderFinishesAndTellsTheTeacher() throws {
        let folder = try temporaryFolder(), out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder); try? FileManager.default.removeItem(at: out) }
        try Data("answers: {regression: 37}\n".utf8).write(to: folder.appendingPathComponent("ana.yaml"))
        try Data("{\"answers\": ".utf8).write(to: folder.appendingPathComponent("ana.json"))
        try Data("answers: {flip: \"\\e[2J\\e[31mPWNED\", regression: 1}\n".utf8).write(to: folder.appendingPathComponent("mal.yaml"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("x.yaml").path, withDestinationPath: "/etc/passwd")
        #expect(mkfifo(folder.appendingPathComponent("z.yaml").path, 0o644) == 0)
        let result = try runLesson(["grade", "param-count", folder.path, "--out", out.path])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("warning: skipped x.yaml: it is a symbolic link, not a regular file"), "\(result.stdout)")
        #expect(result.stdout.contains("warning: skipped z.yaml: it is a FIFO (named pipe), not a regular file"))
        #expect(result.stdout.contains("warning: ana handed in 2 files; graded ana.yaml, not ana.json"))
        #expect(result.stdout.contains("ana (ana.yaml): 2 of 17 points"))
        #expect(!result.stdout.contains(folder.path), "feedback names files, not the grader's paths")
        let report = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
        #expect(!report.contains("root:"), "nothing of /etc/passwd")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("gradescope/x/results.json").path))
    }

    /// A single file (a Gradescope upload is always 'submission.yaml') is given its student
    /// with --student; without it, the file name decides and the 'student:' key is a note.
    @Test func studentNamesTheOwnerOfASingleFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("submission.yaml")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("exercises/submissions/conv-5x5/jana.yaml"), to: file)
        let out = folder.appendingPathComponent("out").path
        let given = try runLesson(["grade", "conv-5x5", file.path, "--student", "jana", "--no-figures", "--out", out])
        #expect(given.status == 0, "stderr: \(given.stderr)")
        #expect(given.stdout.hasPrefix("jana (submission.yaml): 19 of 19 points"), "\(given.stdout)")
        let named = try runLesson(["grade", "conv-5x5", file.path, "--no-figures", "--out", out])
        #expect(named.stdout.contains("submission (submission.yaml): "))
        #expect(named.stdout.contains("note: the file says 'student: jana' but is graded as 'submission', whose file name it has"))
        let many = try runLesson(["grade", "conv-5x5", "exercises/submissions/conv-5x5", "--student", "jana", "--out", out])
        #expect(many.status == 1)
        #expect(many.stderr == "error: --student names the student of one answer file, but 5 answer files were given\n")
    }
}
