import LessonTestSupport
import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// Answers are data: bad files give that student an error, ids become safe file names,
/// reports are written atomically and byte for byte the same.
@Suite struct SafetyTests {
    @Test func badFilesAreErrorsNotCrashes() {
        #expect(Submission.parse(Data(), file: "a.yaml", fallbackID: "a").error?.hasPrefix("is empty") == true)
        #expect(Submission.parse(Data([0xFF, 0xFE, 0x41]), file: "a.yaml", fallbackID: "a").error == "is not UTF-8 text")
        #expect(Submission.parse(Data(repeating: 0x41, count: Submission.maximumBytes + 1), file: "a.yaml", fallbackID: "a")
            .error?.hasPrefix("is larger than 256 KiB") == true)
        #expect(submission("answers: [1, 2").error?.hasPrefix("is not valid YAML") == true)
        #expect(submission("{\"answers\": ").error?.hasPrefix("is not valid JSON") == true)
        // Where the JSON stops, by line and column (Foundation's decoder gives neither).
        let unclosed = submission("{\n  \"answers\": {\"q1\": 37,\n  \"q2\": [1, 2]\n")
        #expect(unclosed.error == "is not valid JSON: line 4, column 1: did not find expected ',' or '}' (while parsing a flow mapping, from line 2, column 14)", "\(unclosed.error ?? "no error")")
        // JSON Foundation refuses but YAML reads (NaN, a trailing comma) is graded as read: NaN is then a wrong answer, not a broken file.
        let lenient = submission("{\"answers\": {\"q1\": NaN, \"q2\": 3,}}")
        #expect(lenient.error == nil && lenient.answers["q1"]?.scalarText == "NaN" && lenient.answers["q2"]?.scalarText == "3", "\(lenient)")
        // The problem is not cut off, and a key given twice is named (Yams' own text gave neither).
        #expect(submission("answers:\n  q1: 1\n  q1: 2\n").error == "is not valid YAML: line 2, column 3: the mapping has the key 'q1' more than once")
        #expect(submission("- 1\n- 2").error?.hasPrefix("must be a mapping") == true)
        #expect(submission("answers: 3").error == "has 'answers' that is not a mapping of question ids to answers")
        #expect(submission("student: [a]\nanswers: {}").note == "the file says 'student: [a]' but is graded as 'from-file-name', whose file name it has")
        #expect(Submission.parse(Data("answers: {}".utf8), file: "x.yaml", fallbackID: String(repeating: "x", count: 101)).error
            == "is not graded: the student id from the file name is longer than 100 characters")
    }

    @Test func yamlTagsAndAnchorsAreOnlyData() {
        // A YAML tag is never resolved into anything but a value; a billion-laughs style
        // alias bomb is cut by the size limit or read as plain nested lists.
        let tagged = submission("answers: {q: !!python/object/apply:os.system [\"echo hi\"]}")
        #expect(tagged.error != nil || tagged.answers["q"] != nil)
        let aliases = submission("a: &a [1, 2]\nb: &b [*a, *a]\nanswers: {q: *b}")
        #expect(aliases.answers["q"] == .list([.list([.integer(1), .integer(2)]), .list([.integer(1), .integer(2)])]))
    }

    @Test func studentIdComesFromTheFileName() {
        #expect(submission("student: s42\nanswers: {}").student == "from-file-name")
        #expect(submission("student: s42\nanswers: {}").note?.contains("'student: s42'") == true)
        #expect(submission("student: from-file-name\nanswers: {}").note == nil)
        #expect(submission("answers: {}").student == "from-file-name")
        #expect(submission("q1: 3").answers["q1"] == .integer(3), "answers may also stand at the top level")
    }

    @Test func safeFileNamesNeverEscape() {
        #expect(SafeFileName.make("anna") == "anna")
        #expect(SafeFileName.make("s.1-2_3") == "s.1-2_3")
        for id in ["../../etc/passwd", "/abs", "..", ".", "", "a/b", "a\\b", "é", "a b", "\u{0}x", String(repeating: "x", count: 300)] {
            let name = SafeFileName.make(id)
            #expect(!name.isEmpty && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\\") && name.count <= 73, "\(id) → \(name)")
            #expect(name.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 }, "\(id) → \(name)")
        }
        #expect(SafeFileName.make("a/b") != SafeFileName.make("a_b"), "ids that differ only in replaced characters stay apart")
        var seen: [String: String] = [:]
        for seed in UInt64(1)...500 {
            var g = SeededGenerator(seed: seed)
            let id = String((0..<Int.random(in: 1...12, using: &g)).map { _ in "ab/._-é 1".randomElement(using: &g) ?? "a" })
            let name = SafeFileName.make(id)
            if let other = seen[name] { #expect(other == id, "seed \(seed): '\(id)' and '\(other)' both give \(name)") }
            seen[name] = id
        }
    }

    @Test func csvFieldsAreQuotedAndFormulasDefused() {
        #expect(GradebookCSV.quoted("plain") == "plain")
        #expect(GradebookCSV.quoted("a,b") == "\"a,b\"")
        #expect(GradebookCSV.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(GradebookCSV.quoted("=SUM(A1)") == "'=SUM(A1)")
    }

    @Test func sameInputsGiveTheSameBytesAndNoTemporaryFiles() throws {
        let exercise = try shippedExercise("conv-5x5")
        let files = try SubmissionFile.collect([packageRoot.appendingPathComponent("exercises/submissions/conv-5x5").path])
        let a = try temporaryFolder(), b = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        try ReportWriter.write(Grader.grade(files: files, exercise: exercise), to: a)
        try ReportWriter.write(Grader.grade(files: files.reversed(), exercise: exercise), to: b)
        let listA = try FileManager.default.subpathsOfDirectory(atPath: a.path).sorted()
        let listB = try FileManager.default.subpathsOfDirectory(atPath: b.path).sorted()
        #expect(listA == listB)
        #expect(listA.contains("gradebook.csv") && listA.contains("report.json") && listA.contains("figures/ivan/output.png"))
        #expect(listA.contains("gradescope/jana/results.json"))
        for path in listA where !path.hasSuffix("/") {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: a.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if isDirectory.boolValue { continue }
            #expect(!path.contains(".tmp") && !URL(fileURLWithPath: path).lastPathComponent.hasPrefix("."), "left over: \(path)")
            let bytesA = try Data(contentsOf: a.appendingPathComponent(path))
            let bytesB = try Data(contentsOf: b.appendingPathComponent(path))
            #expect(bytesA == bytesB, "\(path) differs between two runs")
        }
    }

    @Test func gradescopeResultsHaveTheFieldsGradescopeReads() throws {
        let exercise = try shippedExercise("param-count")
        let report = Grader.grade(submissions: [submission("student: x\nanswers: {regression: 37, classification: 48}")], exercise: exercise)
        let data = GradescopeResults(report.students[0], report: report).json()
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["score"] as? Double == 2)
        let tests = object?["tests"] as? [[String: Any]]
        #expect(tests?.count == 10)
        #expect(tests?[1]["max_score"] as? Double == 2)
        #expect(tests?[1]["score"] as? Double == 0)
        #expect((tests?[1]["output"] as? String)?.contains("biases forgotten") == true)
        #expect((tests?[0]["name"] as? String)?.hasPrefix("regression: ") == true)
    }
}
