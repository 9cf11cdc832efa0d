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
        // The parser's list of allowed values on one line, not "\\n  - png\\n  - svg" written out.
        (["run", "conv2d", "--format", "png,svg"], "error: The value 'png,svg' is invalid for '--format <format>'. Please provide one of the following: png, svg, pdf, gif, html or tex; --help lists the options"),
        (["run", "conv2d", "--theme", "blue"], "error: The value 'blue' is invalid for '--theme <theme>'. Please provide one of 'light', 'dark' or 'high-contrast'; --help lists the options"),
        (["run", "conv2d", "--out", ""], "error: --out '' names no folder; give a folder name, such as --out output; --help lists the options"),
        (["run", "conv1d", "--padding", "99999999999999999999999"], "error: --padding 99999999999999999999999: expected a whole number (zeros at each end), or same, valid, full or causal"),
        (["run", "activations", "--from", "-inf"], "error: The value '-inf' is invalid for '--from <from>': it is not a finite number; nan and inf are refused; --help lists the options"),
        (["run", "pooling", "--input", "1 2; 3 4", "--size", "100000", "--padding", "50000"],
         "error: padding must be at most 100 along the rows, got 50000; more only adds padding around the input"),
        (["run", "pooling", "--input", "1 2; 3 4", "--size", "10000", "--padding", "5000"],
         "error: padding must be at most 100 along the rows, got 5000; more only adds padding around the input"),
    ])
    func inputMistakesAreOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(arguments + ["--no-figures"])
        expectRefusal(result, message)
    }

    @Test func aBlankOutputFolderIsRefusedByFiguresToo() throws {
        expectRefusal(try runLesson(["figures", "--lesson", "conv2d", "--out", " "]),
                      "error: --out ' ' names no folder; give a folder name, such as --out output; --help lists the options")
    }

    @Test func aWindowLongerThanTheInputPoolsInCeilModeAsPyTorchDoes() throws {
        let result = try runLesson(["run", "pooling", "--input", "1 2 3", "--size", "2", "--ceil-mode", "--json-compact", "--no-figures"])
        #expect(result.status == 0, "\(result.stderr)")
        let trace = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((trace?["output"] as? [[Double]]) == [[2, 3]], "\(result.stdout.prefix(400))")
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
        let nul = try runLesson(["run", "conv2d", "--input", "@input.csv", "--no-figures"], in: folder)
        expectRefusal(nul, "error: --input @input.csv (file 'input.csv'): the text holds a NUL byte at character 8; write plain text numbers")
    }

    /// The escape character is written `\e`, only the first word of a file is quoted, and a long
    /// value is cut at 80 characters with `…`.
    @Test func errorsQuoteAShortEscapedExcerptNeverAWholeFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = folder.appendingPathComponent("environ")
        try Data(("HOME=/root\u{1B}[2J" + String(repeating: "SECRET_TOKEN=abcdef ", count: 500)).utf8).write(to: secret)
        let result = try runLesson(["run", "conv2d", "--input", "@environ", "--no-figures"], in: folder)
        expectRefusal(result, "error: --input @environ (file 'environ'): 'HOME=/root\\e[2JSECRET_TOKEN=abcdef' in row 1, column 1 is not a number")
        let huge = try runLesson(["run", "conv2d", "--input", String(repeating: "9", count: 100_000) + "x", "--no-figures"])
        let excerpt = String(repeating: "9", count: 80) + "…"
        expectRefusal(huge, "error: --input \"\(excerpt)\": '\(excerpt)' in row 1, column 1 is not a number")
        // This machine's own environment differs from machine to machine: bounded and not quoted whole.
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
        #expect(result.stderr == "error: lessons/autodiff.yaml: not valid YAML: 2:1: error: parser: while parsing a flow node in line 2, column 1 did not find expected node content: title: [ ^\n")
        // Every lesson is still listed (their summaries are in the `lesson list` of the other lessons' files).
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == LessonRegistry.ids.count, "\(result.stdout)")
        #expect(lines.filter { $0.hasSuffix("(cannot be read: see below)") } == ["autodiff          (cannot be read: see below)"])
        try kept.write(to: autodiff)
        // A value out of range, or not a finite number, names the file and the line.
        let conv2d = home.appendingPathComponent("lessons/conv2d.yaml")
        let original = try String(contentsOf: conv2d, encoding: .utf8)
        try original.replacingOccurrences(of: "\n  padding: 0\n", with: "\n  padding: -1\n").write(to: conv2d, atomically: true, encoding: .utf8)
        let padding = try runLesson(["run", "conv2d", "--no-figures"], home: home)
        expectRefusal(padding, "error: lessons/conv2d.yaml, line 13 (example.padding): expected a whole number from 0 to 100, found -1")
        try original.replacingOccurrences(of: "\n  bias: 0\n", with: "\n  bias: \"nan/1\"\n").write(to: conv2d, atomically: true, encoding: .utf8)
        let bias = try runLesson(["run", "conv2d", "--no-figures"], home: home)
        expectRefusal(bias, "error: lessons/conv2d.yaml, line 12 (example.bias): expected a finite number, but 'nan/1' is not a finite number; nan and inf are refused")
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
        // The link and the pipe skipped with a warning, no escape sequence, no path of the grader's
        // in the feedback (the reference holds no $IN).
        expectReference(result, named: "runs/grade.hostile-folder.txt", replacing: [folder.path: "$IN", out.path: "$OUT"])
        let report = try String(contentsOf: out.appendingPathComponent("report.json"), encoding: .utf8)
        expectReference(text: report, named: "runs/grade.hostile-folder.report.json")  // nothing of /etc/passwd
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
        expectReference(given, named: "runs/grade.single-file-given-student.txt", replacing: [folder.path: "$TMP"])
        let named = try runLesson(["grade", "conv-5x5", file.path, "--no-figures", "--out", out])
        expectReference(named, named: "runs/grade.single-file-named-by-file.txt", replacing: [folder.path: "$TMP"])
        let many = try runLesson(["grade", "conv-5x5", "exercises/submissions/conv-5x5", "--student", "jana", "--out", out])
        expectRefusal(many, "error: --student names the student of one answer file, but 5 answer files were given")
    }
}
