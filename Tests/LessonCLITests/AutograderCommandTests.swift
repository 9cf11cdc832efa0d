import Foundation
import LessonTestSupport
import Testing

/// `lesson exercise autograder` as a teacher uses it: the bundle grades each student on the
/// numbers of their own sheet, and its run_autograder works end to end in a folder laid out
/// as Gradescope lays out /autograder.
@Suite struct AutograderCommandTests {
    /// The tester's answer file: amy's own sheet of conv-5x5, every answer right.
    static let amy = """
        answers:
          output: 2 5 -1; -15 -7 2; 31 -6 1
          first-cell: 2
          cell-3-2: -6
          padding-1: 8 2 3 -4 4; -7 2 5 -1 2; 26 -15 -7 2 -1; 3 31 -6 1 -3; -20 2 14 3 1
          stride-2: 2 -1; 31 1
          padding-1-stride-2: 8 3 4; 26 -7 -1; -20 14 1
          size-padding-stride: 3
          flip: a
          your-input: -4 -6; 19 7
        student: amy

        """

    /// Writes the bundle of conv-5x5 (with `extra` arguments) into a new folder.
    func bundle(_ extra: [String] = [], in folder: URL) throws -> URL {
        let out = folder.appendingPathComponent("ag")
        let result = try runLesson(["exercise", "autograder", "conv-5x5", "--out", out.path] + extra)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        return out
    }

    /// A bundle written again into the same folder replaces the first whole: last week's
    /// roster.csv (which run_autograder would use) and any other file of it are gone. A folder
    /// holding anything else is refused, and kept as it was. The bundled roster holds only who is
    /// who: the Canvas export's grade columns stay with the teacher (found by exploratory testing).
    @Test func aBundleReplacesTheOneBeforeAndCarriesOnlyTheRostersIds() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let roster = folder.appendingPathComponent("canvas.csv")
        try Data("Student,ID,SIS User ID,SIS Login ID,Section,Week 1 (4711),Current Score\n    Points Possible,,,,,10,\n\"Lee, Amy\",1001,S001,amy,A,8,80\n\"Bo, Bob\",1002,S002,bob,A,3,30\n".utf8).write(to: roster)
        let ag = try bundle(["--roster", roster.path], in: folder)
        let copied = try String(contentsOf: ag.appendingPathComponent("roster.csv"), encoding: .utf8)
        #expect(copied == "Student,ID,SIS User ID,SIS Login ID,Email,Section\n\"Lee, Amy\",1001,S001,amy,,A\n\"Bo, Bob\",1002,S002,bob,,A\n", "\(copied)")
        // A teacher's file in the bundle's folder is refused by name, never deleted.
        try Data("mine".utf8).write(to: ag.appendingPathComponent("notes.txt"))
        let kept = try runLesson(["exercise", "autograder", "param-count", "--out", ag.path])
        #expect(kept.status == 1 && kept.stderr.contains("holds files that are not part of an autograder bundle ('notes.txt')"), "\(kept.stderr)")
        #expect(FileManager.default.fileExists(atPath: ag.appendingPathComponent("roster.csv").path))
        try FileManager.default.removeItem(at: ag.appendingPathComponent("notes.txt"))
        try Data("clutter".utf8).write(to: ag.appendingPathComponent(".DS_Store"))
        // Written again from inside the folder (--out .): the folder stays, its bundle is replaced.
        let again = try runLesson(["exercise", "autograder", "param-count", "--out", "."], in: ag)
        #expect(again.status == 0, "\(again.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: ag.path).sorted()
        #expect(names == [".DS_Store", "README.md", "exercise.yaml", "lesson", "run_autograder", "setup.sh"], "\(names)")
        #expect(try String(contentsOf: ag.appendingPathComponent("exercise.yaml"), encoding: .utf8).contains("param-count"))
        // A folder of other files is refused with exit 1, and nothing in it changes.
        let other = folder.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: other.appendingPathComponent("grades.xlsx"))
        let refused = try runLesson(["exercise", "autograder", "conv-5x5", "--out", other.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("error: the folder '\(other.path)' holds files that are not part of an autograder bundle ('grades.xlsx')"), "\(refused.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: other.path) == ["grades.xlsx"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.hasPrefix(".") })
    }

    /// The bundle's exercise.yaml keeps the exercise's id, so amy's right answers to her own
    /// input are right there too (they were 0 of 3, drawn for the id "exercise").
    @Test func theBundledExerciseGradesOnTheSheetsNumbers() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ag = try bundle(in: folder)
        try Data(Self.amy.utf8).write(to: folder.appendingPathComponent("amy.yaml"))
        let result = try runLesson(["grade", ag.appendingPathComponent("exercise.yaml").path, folder.appendingPathComponent("amy.yaml").path,
                                    "--out", folder.appendingPathComponent("g").path, "--no-figures"])
        #expect(result.stdout.contains("  ✓ your-input 3/3: correct (all 4 cells)"), "\(result.stdout)")
        #expect(result.stdout.contains("Graded 1 submission of 'conv-5x5' (19 points): average 19."))
        let exercise = try String(contentsOf: ag.appendingPathComponent("exercise.yaml"), encoding: .utf8)
        #expect(exercise.hasPrefix("id: conv-5x5   # added by lesson exercise autograder"))
    }

    /// run_autograder in a fake /autograder: the uploaded file is called submission.yaml, its
    /// student is Gradescope's submitter, matched with the bundled roster; results.json holds
    /// the score of amy's own numbers.
    @Test func runAutograderGradesTheSubmitterOnTheirSheet() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let roster = try canvasRoster(in: folder, ["\"Lee, Amy\",1001,S001,amy,A", "\"Bo, Bob\",1002,S002,bob,A"])
        let root = folder.appendingPathComponent("autograder")
        let ag = try bundle(["--roster", roster.path], in: folder)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("submission"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ag, to: root.appendingPathComponent("source"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("source/roster.csv").path))

        // amy's right answers, in a file whose student: key claims bob: graded as amy, with a note.
        let upload = Self.amy.replacingOccurrences(of: "student: amy", with: "student: bob")
        try Data(upload.utf8).write(to: root.appendingPathComponent("submission/submission.yaml"))
        try Data("""
            {"id": 1, "created_at": "2026-05-04T09:30:00Z", "assignment": {"id": 2, "title": "Convolution"},
             "submission_method": "upload", "users": [{"email": "amy@uni.example", "id": 7, "name": "Amy Lee", "sid": "S001"}],
             "previous_submissions": []}
            """.utf8).write(to: root.appendingPathComponent("submission_metadata.json"))
        let run = try runScript(root.appendingPathComponent("source/run_autograder"), root: root)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.hasPrefix("amy (submission.yaml): 19 of 19 points\n  note: the file says 'student: bob' but is graded as 'amy', the id it was given\n"), "\(run.stdout)")
        let results = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("results/results.json"))) as? [String: Any]
        #expect(results?["score"] as? Double == 19)
        #expect(results?["output"] as? String == "Note: the file says 'student: bob' but is graded as 'amy', the id it was given.")
        #expect((results?["tests"] as? [[String: Any]])?.count == 9)

        // No metadata: the student: key decides, and the output says why.
        try FileManager.default.removeItem(at: root.appendingPathComponent("submission_metadata.json"))
        try Data(Self.amy.utf8).write(to: root.appendingPathComponent("submission/submission.yaml"))
        _ = try runScript(root.appendingPathComponent("source/run_autograder"), root: root)
        let fallback = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("results/results.json"))) as? [String: Any]
        #expect(fallback?["score"] as? Double == 19)
        #expect(fallback?["output"] as? String == "Note: no submitter was found (submission_metadata.json cannot be read), so the file is graded as its student: key, 'amy'.")
    }

    /// Runs a shell script with the environment of a fake /autograder.
    func runScript(_ script: URL, root: URL) throws -> CommandResult {
        try runTool("/bin/bash", [script.path], in: root,
                    environment: ["AUTOGRADER_ROOT": root.path, "LESSON": productsDirectory.appendingPathComponent("lesson").path])
    }
}
