import LessonTestSupport
import Foundation
import Testing

/// `lesson grade`, `lesson exercise` and `lesson run param-count` as a person runs them.
@Suite struct GradeCommandTests {
    @Test func gradesAFolderAndWritesTheGradebook() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try runLesson(["grade", "param-count", "exercises/submissions/param-count", "--out", out.path])
        // Feedback names the file, not the grader's path; the summary per question.
        expectReference(result, named: "runs/grade.param-count-folder.txt", replacing: [out.path: "$OUT"])
        // Canvas's header and "Points Possible" rows, then one row per student; CRLF line ends.
        let csv = try String(contentsOf: out.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        expectReference(text: csv, named: "runs/grade.param-count-folder.gradebook.csv")
        let moodle = try String(contentsOf: out.appendingPathComponent("moodle.csv"), encoding: .utf8)
        expectReference(text: moodle, named: "runs/grade.param-count-folder.moodle.csv")
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
        // eve's file is graded as eve's with a note, c's malformed field too; no warning of duplicates.
        expectReference(result, named: "runs/grade.student-fields-are-notes.txt", replacing: [folder.path: "$TMP"])
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
        expectRefusal(many, "error: --gradescope writes one student's results.json, but 5 answer files were given")
    }

    @Test(arguments: [
        (["grade", "nope", "x.yaml"], "error: there is no exercise 'nope' (no file exercises/nope.yaml); the exercises are backprop-step, backward-pass, conv-5x5, conv-variants, network-basics, output-sizes, param-count, pooling, rnn, training"),
        (["grade", "param-count", "/nonexistent/answers"], "error: the submission '/nonexistent/answers' does not exist"),
        (["grade", "param-count"], "error: give at least one answer file or folder after the exercise"),
        (["exercise", "show", "nope"], "error: there is no exercise 'nope' (no file exercises/nope.yaml); the exercises are backprop-step, backward-pass, conv-5x5, conv-variants, network-basics, output-sizes, param-count, pooling, rnn, training"),
        (["exercise", "check", "/nonexistent/x.yaml"], "error: the exercise file '/nonexistent/x.yaml' does not exist"),
        (["exercise", "autograder", "conv-5x5", "--out", "/nonexistent/bundle", "--reveal", "never"], "error: --reveal: 'never' is not a Gradescope visibility; expected after_published or after_due_date"),
        (["exercise", "sheets", "conv-5x5", "--students", "a", "--format", "docx"], "error: --format: 'docx' is not a sheet format; expected pdf, md or pdf,md"),
        (["grade", "param-count", "exercises/submissions/param-count", "--roster", "/nonexistent.csv"], "error: the roster '/nonexistent.csv' cannot be read (no such file)"),
        (["grade", "param-count", "exercises/submissions/param-count", "--per-question", "--canvas-assignment", "12"], "error: --canvas-assignment fills one existing assignment, so it cannot be used with --per-question"),
        (["run", "param-count", "--model", "input(28,28,1) conv2d(8)"], "error: in the model, word 2 'conv2d(8)' (column 16): 'kernel_size' is missing; expected conv2d(filters, k or (k_h,k_w), stride=1, padding=valid|same, dilation=1, use_bias=true)"),
        (["run", "param-count", "--model", "input(4,4,1) conv2d(8,5)"], "error: layer 1, conv2d(8,5): the kernel (5 rows) is larger than the padded input (4 + 2×0 = 4 rows), so n + 2p − d(k − 1) − 1 = −1 is below 0 and there is no output"),
        (["run", "param-count", "--model-file", "/nonexistent.yaml"], "error: /nonexistent.yaml: the file cannot be read (no such file)"),
    ])
    func badInputIsOneSentenceAndExitOne(arguments: [String], message: String) throws {
        let result = try runLesson(arguments + (arguments[0] == "run" ? ["--no-figures"] : []))
        expectRefusal(result, message)
    }

    @Test func exerciseSheetShowsTheStudentsOwnNumbers() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let a = try runLesson(["exercise", "show", "output-sizes", "--student", "mia", "--no-figures"])
        let b = try runLesson(["exercise", "show", "output-sizes", "--student", "nils", "--no-figures"])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout != b.stdout.replacingOccurrences(of: "nils", with: "mia"))
        let conv = try runLesson(["exercise", "show", "conv-5x5", "--student", "jana", "--out", out.path])
        expectReference(conv, named: "runs/exercise.show-conv-5x5-jana.txt", replacing: [out.path: "$OUT"])
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("your-input.png").path))
    }

    @Test func perQuestionGradebookAndARoster() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let roster = try canvasRoster(in: out, named: "roster.csv", ["\"Lovelace, Ada\",1001,S001,anna,A", "\"Turing, Alan\",1002,S002,alan,A"])
        let result = try runLesson(["grade", "param-count", "exercises/submissions/param-count/anna.yaml", "exercises/submissions/param-count/ben.json",
                                    "--roster", roster.path, "--per-question", "--out", out.appendingPathComponent("g").path])
        expectReference(result, named: "runs/grade.per-question-with-roster.txt", replacing: [out.path: "$OUT"])
        let csv = try String(contentsOf: out.appendingPathComponent("g/gradebook.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        #expect(csv[0] == "Student,ID,SIS User ID,SIS Login ID,Section,Counting parameters: regression,Counting parameters: classification,Counting parameters: logistic-mnist,Counting parameters: mlp-mnist,Counting parameters: conv-per-layer,Counting parameters: conv-total,Counting parameters: separable-total,Counting parameters: conv1-shape,Counting parameters: conv2-shape,Counting parameters: pooling-params")
        #expect(csv[2] == "\"Lovelace, Ada\",1001,S001,anna,A,2,2,1,2,3,2,2,1,1,1")
        #expect(csv[3] == "\"Turing, Alan\",1002,S002,alan,A,,,,,,,,,,")
        let bad = try runLesson(["grade", "param-count", "exercises/submissions/param-count/right.yaml", "--canvas-assignment", "abc"])
        expectRefusal(bad, "error: --canvas-assignment: 'abc' is not a Canvas assignment id; expected its number, as in the assignment's address")
    }

    /// Files as Canvas's "Download Submissions" names them (name, Canvas user id, attachment id,
    /// the student's own file name; LATE for a late one) are graded as the roster student with
    /// that Canvas id, on the numbers of their own sheet, and the `student:` key that names the
    /// same student draws no note. Before, jana's file was graded as 'doejana_1001_5555_answers':
    /// 16.75 of 19 on another id's numbers, and her gradebook cell stayed empty.
    @Test func canvasDownloadNamesAreGradedAsTheirRosterStudent() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let roster = try canvasRoster(in: out, ["\"Doe, Jana\",1001,S001,jana,A", "\"Lee, Lena\",1002,S002,lena,A"])
        let folder = out.appendingPathComponent("submissions")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, source) in [("doejana_1001_5555_answers.yaml", "jana"), ("leelena_LATE_1002_5601_lena.yaml", "lena")] {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("exercises/submissions/conv-5x5/\(source).yaml"),
                                             to: folder.appendingPathComponent(name))
        }
        let direct = try runLesson(["grade", "conv-5x5", "exercises/submissions/conv-5x5/jana.yaml", "exercises/submissions/conv-5x5/lena.yaml",
                                    "--out", out.appendingPathComponent("direct").path, "--no-figures"])
        let result = try runLesson(["grade", "conv-5x5", folder.path, "--roster", roster.path,
                                    "--out", out.appendingPathComponent("g").path, "--no-figures"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 of 2 students have a graded file"), "\(result.stdout)")
        #expect(!result.stdout.contains("no roster student") && !result.stdout.contains("but is graded as"), "\(result.stdout)")
        let gradebook = try String(contentsOf: out.appendingPathComponent("g/gradebook.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        let directBook = try String(contentsOf: out.appendingPathComponent("direct/gradebook.csv"), encoding: .utf8).components(separatedBy: "\r\n")
        // The same points as jana.yaml and lena.yaml graded under their own names.
        let points = { (rows: [String], id: String) in rows.first { $0.contains(",\(id),") || $0.hasPrefix("\(id),") }?.split(separator: ",").last.map(String.init) }
        #expect(points(gradebook, "jana") != nil && points(gradebook, "jana") == points(directBook, "jana"), "\(gradebook) vs \(directBook)")
        #expect(points(gradebook, "lena") != nil && points(gradebook, "lena") == points(directBook, "lena"), "\(gradebook) vs \(directBook)")
    }

    /// A class of more than 40 prints no section per student; its summary still names the file
    /// that could not be graded and the file that claims another student's id (before: only
    /// "1 file could not be graded", found by exploratory testing).
    @Test func aLargeClassSummaryNamesTheFilesThatNeedALook() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let folder = out.appendingPathComponent("class")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for i in 1...45 { try Data("answers: {regression: 37}\n".utf8).write(to: folder.appendingPathComponent("s\(i).yaml")) }
        try Data("answers: [\n".utf8).write(to: folder.appendingPathComponent("s3.yaml"))
        try Data("student: s9\nanswers: {regression: 37}\n".utf8).write(to: folder.appendingPathComponent("s10.yaml"))
        let result = try runLesson(["grade", "param-count", folder.path, "--out", out.appendingPathComponent("g").path, "--no-figures"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("s1 (s1.yaml)"), "a section per student was printed")
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.contains("  not graded: s3.yaml: is not valid YAML: line 2, column 1: did not find expected node content (while parsing a flow node, from line 2, column 1)"), "\(result.stdout)")
        #expect(lines.contains("  note: s10.yaml: the file says 'student: s9' but is graded as 's10', whose file name it has"), "\(result.stdout)")
    }

    /// Found by exploratory testing: a linked answer file given directly graded 0 files with
    /// exit 0; a --student with control characters became a 0-point gradebook row; sheets were
    /// written for an empty id and for two ids that differ only in case.
    @Test func idsAndFilesThatCannotBeGradedAreRefused() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let link = out.appendingPathComponent("direct.yaml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: packageRoot.appendingPathComponent("exercises/submissions/param-count/anna.yaml"))
        let g = out.appendingPathComponent("g").path
        expectRefusal(try runLesson(["grade", "param-count", link.path, "--out", g]),
                      "error: no answer file could be read: direct.yaml is a symbolic link, not a regular file")
        expectRefusal(try runLesson(["grade", "param-count", "exercises/submissions/param-count/anna.yaml", "--student", "a\u{1B}b", "--out", g]),
                      "error: --student 'a\\eb' is not a student id (it is empty or holds control characters)")
        expectRefusal(try runLesson(["exercise", "sheets", "conv-5x5", "--students", "ana", "ANA", "--out", out.appendingPathComponent("s").path]),
                      "error: the student ids 'ana' and 'ANA' differ only in case; their sheets' files would be one file on macOS and Windows")
        expectRefusal(try runLesson(["exercise", "sheets", "conv-5x5", "--students", "", "--out", out.appendingPathComponent("s").path]),
                      "error: a student id is empty; give each student's id, such as --students ana bob")
        #expect(!FileManager.default.fileExists(atPath: g) && !FileManager.default.fileExists(atPath: out.appendingPathComponent("s").path))
    }

    @Test func sheetsCheckAndAutograderForAClass() throws {
        let out = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let sheets = try runLesson(["exercise", "sheets", "exercises/conv-5x5.yaml", "--students", "jana", "mia", "--out", out.path])
        expectReference(sheets, named: "runs/exercise.sheets-two-students.txt", replacing: [out.path: "$OUT"])
        let pdf = try Data(contentsOf: out.appendingPathComponent("jana.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let md = try String(contentsOf: out.appendingPathComponent("mia.md"), encoding: .utf8)
        expectReference(text: md, named: "runs/exercise.sheets-two-students.mia.md")
        let noStudents = try runLesson(["exercise", "sheets", "conv-5x5"])
        expectRefusal(noStudents, "error: give --roster FILE.csv or --students ID... to say whose sheets to write")
        let bundle = out.appendingPathComponent("bundle")
        let auto = try runLesson(["exercise", "autograder", "conv-5x5", "--out", bundle.path])
        #expect(auto.status == 0, "stderr: \(auto.stderr)")
        for name in ["setup.sh", "run_autograder", "exercise.yaml", "README.md", "lesson/Package.swift", "lesson/Sources/LessonGrader/Exercises/Exercise.swift"] {
            #expect(FileManager.default.fileExists(atPath: bundle.appendingPathComponent(name).path), "\(name)")
        }
        #expect(FileManager.default.isExecutableFile(atPath: bundle.appendingPathComponent("run_autograder").path))
        let run = try String(contentsOf: bundle.appendingPathComponent("run_autograder"), encoding: .utf8)
        expectReference(text: run, named: "runs/exercise.autograder-conv-5x5.run_autograder")
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
