import Foundation
import LessonTestSupport
import Testing
import LessonCore
import LessonLibrary
@testable import LessonGrader

/// On Gradescope every student is graded on the numbers of their own sheet: the exercise keeps
/// its id in the bundle (an `id:` key), and the file is graded as the submitter Gradescope
/// names, matched with the roster the sheets were made from.
@Suite struct GradescopeIdentityTests {
    let variants = "title: V\nquestions:\n  - {id: size, kind: output-size, n: {range: [20, 400]}, k: 3}\n"

    /// An `id:` key decides the id whatever the file is called; without one, the file name does.
    @Test func anIDKeyKeepsTheNumbersOfARenamedCopy() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["week3", "copy-of-week3", "exercise"] {
            try Data(("id: week3\n" + variants).utf8).write(to: folder.appendingPathComponent(name + ".yaml"))
        }
        let sheets = try ["week3", "copy-of-week3", "exercise"].map { name -> String in
            let ex = try Exercise.load(folder.appendingPathComponent(name + ".yaml"))
            #expect(ex.id == "week3" && ex.hasIDKey)
            return try ExerciseSheet(ex, student: "amy").text
        }
        #expect(Set(sheets).count == 1, "the same id gives the same sheet")
        let renamed = try exercise(variants, id: "exercise")
        let original = try exercise(variants, id: "week3")
        let differing = (1...20).map { "s\($0)" }.filter { try! renamed.prepared(for: $0)[0].expected != original.prepared(for: $0)[0].expected }
        #expect(!differing.isEmpty, "without an id: key the file name decides the numbers")
    }

    @Test(arguments: [
        ("id: \"\"", "exercises/test.yaml, line 1 (id): the exercise id must be 1 to 100 characters, without control characters or spaces around it, such as conv-5x5"),
        ("id: \" a\"", "exercises/test.yaml, line 1 (id): the exercise id must be 1 to 100 characters, without control characters or spaces around it, such as conv-5x5"),
        ("id: [a]", "exercises/test.yaml, line 1 (id): expected text, found a list"),
    ])
    func badIDKeys(line: String, refusal: String) {
        #expect(message { _ = try exercise(line + "\n" + variants) } == refusal)
    }

    /// The bundle's copy, `exercise.yaml`, gets an `id:` line; the copy is the same exercise
    /// under the same id, so every student's numbers are those of their sheet.
    @Test(arguments: ["", "# a comment\n", "---\n", "%YAML 1.2\n---\n"])
    func theBundleCopyKeepsTheID(prefix: String) throws {
        let original = try exercise(prefix + variants, id: "week3")
        let data = try AutograderBundle.withIDKey(Data((prefix + variants).utf8), exercise: original)
        let copy = try Exercise(id: "exercise", document: YAMLValue.parse(String(decoding: data, as: UTF8.self), file: "exercise.yaml"), file: "exercise.yaml")
        #expect(copy.id == "week3")
        for student in (1...30).map({ "s\($0)" }) {
            #expect(try copy.prepared(for: student)[0].expected == original.prepared(for: student)[0].expected, "\(student)")
        }
        let keyed = try exercise("id: other\n" + variants, id: "week3")
        #expect(try AutograderBundle.withIDKey(Data(("id: other\n" + variants).utf8), exercise: keyed) == Data(("id: other\n" + variants).utf8))
    }

    @Test func aFlowMappingFileIsRefusedWithWhatToDo() throws {
        let text = "{title: V, questions: [{id: a, kind: output-size, n: 5, k: 3}]}"
        let ex = try exercise(text, id: "week3")
        #expect(message { _ = try AutograderBundle.withIDKey(Data(text.utf8), exercise: ex) }
                == "exercises/week3.yaml: cannot add 'id: week3' to the bundle's copy of the exercise; add that line to the top of the file and run the command again")
    }

    let roster = try! Roster("Student,ID,SIS User ID,SIS Login ID,Email\n\"Lee, Amy\",11,S001,amy.lee,amy@uni.example\n\"Bo, Bob\",12,S002,bob,bob@uni.example\n", file: "roster.csv")

    /// The rules of `GradescopeSubmitter.studentID`, one case each.
    @Test(arguments: [
        // With the roster: the e-mail, else the sid, else the name, gives the roster's id.
        (GradescopeSubmitter(email: "amy@uni.example", sid: "", name: "Amy Lee"), true, "bob", "amy.lee", nil),
        (GradescopeSubmitter(email: "amy@other.example", sid: "S001"), true, nil, "amy.lee", nil),
        (GradescopeSubmitter(email: "carl@uni.example", sid: "S003"), true, "carl", "carl",
         "your Gradescope account, carl@uni.example (student ID S003), is not on the class roster of this autograder"),
        // Without a roster: the file's student: key, checked against the account.
        (GradescopeSubmitter(email: "amy@uni.example"), false, "amy", "amy", nil),
        (GradescopeSubmitter(email: "amy@uni.example", sid: "S001"), false, "s001", "s001", nil),
        (GradescopeSubmitter(email: "amy@uni.example"), false, "bob", "bob",
         "graded as 'bob', the student: key of your file, which is not your Gradescope e-mail or student ID (amy@uni.example); if that is not the id on your sheet, correct it and submit again"),
        (GradescopeSubmitter(email: "amy@uni.example"), false, nil, "amy",
         "your file has no student: key, so it is graded as 'amy', the part of your Gradescope e-mail before @; write the id on your sheet as student: and submit again if they differ"),
        (GradescopeSubmitter(email: "amy@uni.example", groupSize: 2), false, "amy", "amy",
         "a group submission of 2 students is graded on the numbers of the first, amy@uni.example"),
    ] as [(GradescopeSubmitter, Bool, String?, String, String?)])
    func whoIsGraded(submitter: GradescopeSubmitter, withRoster: Bool, declared: String?, id: String, note: String?) {
        let decision = submitter.studentID(roster: withRoster ? roster : nil, declared: declared)
        #expect(decision.id == id)
        #expect(decision.note == note)
    }

    /// Gradescope's documented metadata (email, id, name; sid where the course has one), and
    /// what is not usable.
    @Test func metadataIsRead() throws {
        let data = Data("""
            {"id": 123456, "created_at": "2018-07-01T14:22:32.365935-07:00", "assignment": {"id": 25828, "title": "A1"},
             "submission_method": "upload",
             "users": [{"email": "amy@uni.example", "id": 1234, "name": "Amy Lee", "sid": 9001},
                       {"email": "bob@uni.example", "id": 1235, "name": "Bob Bo"}],
             "previous_submissions": []}
            """.utf8)
        #expect(try GradescopeSubmitter.parse(data, file: "m.json").get() == GradescopeSubmitter(email: "amy@uni.example", sid: "9001", name: "Amy Lee", groupSize: 2))
        for (text, problem) in [("[]", "m.json is not a JSON object"), ("{\"users\": []}", "m.json lists no users"),
                                ("{\"users\": [{\"id\": 3}]}", "m.json gives the submitter no e-mail, student ID or name")] {
            guard case .failure(let error) = GradescopeSubmitter.parse(Data(text.utf8), file: "m.json") else { Issue.record("\(text) was read"); continue }
            #expect(error.message == problem)
        }
        let fallback = GradescopeSubmitter.fallbackID(problem: InputError("m.json lists no users"), declared: "amy", fileID: "submission")
        #expect(fallback.id == "amy" && fallback.note == "no submitter was found (m.json lists no users), so the file is graded as its student: key, 'amy'")
        #expect(GradescopeSubmitter.fallbackID(problem: InputError("x"), declared: nil, fileID: "submission").id == "submission")
    }

    /// A file whose exercise: key names another id than the one graded is a warning, which
    /// says why it matters when numbers are drawn per student.
    @Test func anAnswerFileForAnotherExerciseIDIsAWarning() throws {
        let renamed = try exercise(variants, id: "exercise")
        let files = ["amy", "bob"].map { Submission.parse(Data("student: \($0)\nexercise: week3\nanswers: {size: 1}".utf8), file: "\($0).yaml", fallbackID: $0) }
        let report = GradeReport(exercise: renamed, students: files.map { Grader.grade($0, exercise: renamed) })
        #expect(report.summaryText.contains("  warning: 2 answer files say 'exercise: week3', but the exercise graded is 'exercise' (its file name); per-student numbers are drawn from the exercise id, so these students are graded on numbers their sheets do not show: add 'id: week3' to the exercise file if it is that exercise"))
        let one = GradeReport(exercise: renamed, students: [Grader.grade(files[0], exercise: renamed)])
        #expect(one.summaryText.contains("  warning: 1 answer file says 'exercise: week3', but the exercise graded is 'exercise' (its file name); per-student numbers are drawn from the exercise id, so this student is graded on numbers their sheet does not show: add 'id: week3' to the exercise file if it is that exercise"))
        let same = try exercise(variants, id: "week3")
        #expect(!GradeReport(exercise: same, students: files.map { Grader.grade($0, exercise: same) }).summaryText.contains("warning"))
        #expect(try ExerciseSheet(same, student: "amy").answerFile.prefix(3) == ["student: amy", "exercise: week3", "answers:"])
    }
}
