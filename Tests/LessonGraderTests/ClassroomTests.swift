import LessonTestSupport
import Foundation
import Testing
import LessonCore
import LessonFigures
@testable import LessonGrader

/// Issue 14: sheets that never reveal an asked quantity, hidden answers kept hidden,
/// gradebooks Canvas and Moodle import, Gradescope's results format, rosters, feedback.
@Suite struct ClassroomTests {
    /// Every shipped exercise, by id.
    var shipped: [String] {
        let folder = packageRoot.appendingPathComponent("exercises")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// Property: no sheet of any shipped exercise (three students) draws or states the shape of
    /// a matrix it asks for: no template says "rows of", no figure has an output grid, and the
    /// template of every matrix answer is the same text whatever its size.
    @Test func sheetsNeverStateAnAskedShape() throws {
        #expect(shipped.count >= 8)
        for id in shipped {
            let ex = try shippedExercise(id)
            for student in ["", "jana", "mia"] {
                let sheet = try ExerciseSheet(ex, student: student)
                let text = sheet.text + "\n" + sheet.markdown
                #expect(!text.contains("rows of"), "\(id), student '\(student)': a template states a size")
                for (question, prepared) in zip(ex.questions, try ex.prepared(for: student)) {
                    let item = try #require(sheet.items.first { $0.id == question.id })
                    #expect(item.matrices.allSatisfy { $0.values != nil }, "\(id)/\(question.id): an asked matrix is drawn")
                    if case .matrix(let m) = prepared.expected, m.rank == 2 {
                        #expect(item.template == "\"<numbers, rows separated by ;>\"", "\(id)/\(question.id): \(item.template)")
                        #expect(!item.matrices.contains { $0.label == "output" }, "\(id)/\(question.id)")
                    }
                }
                for figure in sheet.figures {
                    #expect(!figure.description.contains(", output") && !figure.description.contains(": output "),
                            "\(id), figure \(figure.name): \(figure.description)")
                }
            }
        }
    }

    /// The defect of the issue: the padding-1-stride-2 question's template and figure gave away
    /// the 3×3 answer of the next question ("How many rows …?").
    @Test func theConvSheetNoLongerAnswersTheRowsQuestion() throws {
        let sheet = try ExerciseSheet(try shippedExercise("conv-5x5"), student: "jana")
        let item = try #require(sheet.items.first { $0.id == "padding-1-stride-2" })
        #expect(item.template == "\"<numbers, rows separated by ;>\"")
        #expect(item.matrices.map(\.label) == ["input", "kernel"])
        #expect(!sheet.text.contains("3 rows"))
        #expect(sheet.text.contains("    padding-1-stride-2: \"<numbers, rows separated by ;>\""))
        #expect(sheet.text.contains("input (4×4): 3 4 4 4; 4 3 3 2; 1 2 4 5; 2 5 0 0"))
    }

    /// A parameter carried forward from an earlier answer is that answer: the sheet says
    /// "your answer to …" instead of printing it.
    @Test func carriedParametersAreNotPrinted() throws {
        let sheet = try ExerciseSheet(try shippedExercise("conv-variants"), student: "anna")
        let item = try #require(sheet.items.first { $0.id == "after-pool" })
        #expect(item.lines.first == "n: your answer to question pool-size")
        #expect(!item.lines.contains { $0.contains("14") }, "\(item.lines)")
        #expect(item.lines.contains("kernel size k = 3"))
    }

    @Test func hiddenAnswersStayHiddenInFeedbackAndGradescope() throws {
        let yaml = """
            title: Hidden
            hide_answers: true
            questions:
              - {id: m, kind: conv2d-output, input: "1 2 3; 4 5 6; 7 8 9", kernel: "1 0; 0 1"}
              - {id: n, kind: output-size, n: 5, k: 3}
            """
        let ex = try exercise(yaml)
        let result = Grader.grade(submission("answers: {m: \"1 2 3; 4 5 6; 7 8 9\", n: 2}"), exercise: ex)
        #expect(result.questions[0].feedback == "the answer is 3×3, which is not the expected shape")
        #expect(result.questions[1].feedback == "wrong; this is the answer with the +1 of the size formula forgotten")
        #expect(result.questions.allSatisfy { $0.expected == nil && $0.working == nil })
        let report = GradeReport(exercise: ex, students: [result])
        let json = String(decoding: report.json(), as: UTF8.self)
        #expect(!json.contains("\"expected\""))
        #expect(!json.contains("= 3"), "the working of n leaked into report.json")
        let results = GradescopeResults(result, report: report)
        #expect(results.tests.map(\.visibility) == ["visible", "after_published", "visible", "after_published"])
        #expect(results.tests[0].output == "the answer is 3×3, which is not the expected shape\ngiven: 1 2 3; 4 5 6; 7 8 9")
        #expect(results.tests[1].name == "m: answer and working")
        #expect(results.tests[1].maxScore == 0)
        #expect(results.tests[1].output.hasPrefix("expected: 6 8; 12 14\nworking:\n"))
        #expect(results.tests[3].output.hasPrefix("expected: 3\nworking:\n  o = "))
        let due = GradescopeResults(result, report: report, reveal: .afterDueDate)
        #expect(due.tests[1].visibility == "after_due_date")
        let published = Grader.grade(submission("answers: {n: 2}"), exercise: ex.publishingAnswers()).questions[1]
        #expect(published.expected == "3")
        #expect(published.feedback.contains("worked: o = ⌊(5 + 2×0 − 1×(3 − 1) − 1)/1⌋ + 1 = ⌊2/1⌋ + 1 = 3"), "\(published.feedback)")
    }

    @Test func gradescopeResultsFollowTheSpecification() throws {
        let ex = try shippedExercise("output-sizes")
        let result = Grader.grade(submission("student: mia\nanswers: {valid: 2, same: 5}"), exercise: ex)
        let data = GradescopeResults(result, report: GradeReport(exercise: ex, students: [result])).json()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["score"] as? Double == 1)
        #expect(object["output_format"] as? String == "text")
        #expect(object["visibility"] as? String == "visible")
        let tests = try #require(object["tests"] as? [[String: Any]])
        #expect(tests.count == 9)
        for test in tests {
            #expect(Set(test.keys) == ["name", "number", "score", "max_score", "status", "output", "visibility"])
        }
        #expect(tests[0]["status"] as? String == "failed")
        #expect((tests[0]["output"] as? String)?.contains("expected: 3\nworking:\n  o = ⌊(n + 2p − d(k − 1) − 1)/s⌋ + 1") == true)
        #expect(tests[1]["status"] as? String == "passed")
    }

    func report(_ ex: Exercise, _ files: [(String, String)]) -> GradeReport {
        Grader.grade(submissions: files.map { Submission.parse(Data($0.1.utf8), file: $0.0, fallbackID: String($0.0.prefix { $0 != "." })) }, exercise: ex)
    }

    @Test func canvasGradebookIsOneNewAssignmentPerExercise() throws {
        let ex = try exercise("title: Week 3 (12)\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3, points: 2}\n  - {id: b, kind: output-size, n: 7, k: 3}")
        let r = report(ex, [("s2.yaml", "answers: {a: 3, b: 4}"), ("s1.yaml", "answers: {a: 3, b: 5}")])
        #expect(GradebookCSV.render(r) == "Student,ID,SIS User ID,SIS Login ID,Section,Week 3 [12]\r\n    Points Possible,,,,,3\r\ns1,,s1,,,3\r\ns2,,s2,,,2\r\n")
        #expect(GradebookCSV.render(r, options: .init(canvasAssignmentID: "4711")).hasPrefix("Student,ID,SIS User ID,SIS Login ID,Section,Week 3 [12] (4711)\r\n"))
        #expect(GradebookCSV.render(r, options: .init(perQuestion: true))
                == "Student,ID,SIS User ID,SIS Login ID,Section,Week 3 [12]: a,Week 3 [12]: b\r\n    Points Possible,,,,,2,1\r\ns1,,s1,,,2,1\r\ns2,,s2,,,2,0\r\n")
        #expect(MoodleCSV.render(r) == "Username,Week 3 (12)\r\ns1,3\r\ns2,2\r\n")
    }

    @Test func canvasRosterFillsTheGradebookAndReportsWhoIsMissing() throws {
        let roster = try Roster("""
            Student,ID,SIS User ID,SIS Login ID,Section,Week 1 (123)\r
                Points Possible,,,,,10\r
            "Lovelace, Ada",1001,S001,ada,Group A,\r
            "Turing, Alan",1002,S002,alan,Group A,\r
            "Hopper, Grace",1003,S003,grace,Group B,\r
            """, file: "canvas.csv")
        #expect(roster.format == .canvas)
        #expect(roster.students.count == 3)
        let ex = try exercise("title: Sizes\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3}")
        let r = report(ex, [("S002.yaml", "answers: {a: 3}"), ("ADA.yaml", "answers: {a: 2}"), ("zoe.yaml", "answers: {a: 3}")])
        let match = RosterMatch(roster: roster, report: r)
        #expect(match.withoutSubmission.map(\.login) == ["grace"])
        #expect(match.unmatched.map(\.student) == ["zoe"])
        #expect(GradebookCSV.render(r, roster: match) == """
            Student,ID,SIS User ID,SIS Login ID,Section,Sizes\r
                Points Possible,,,,,1\r
            "Lovelace, Ada",1001,S001,ada,Group A,0\r
            "Turing, Alan",1002,S002,alan,Group A,1\r
            "Hopper, Grace",1003,S003,grace,Group B,\r

            """)
        #expect(MoodleCSV.render(r, roster: match) == "Username,Sizes\r\nada,0\r\nalan,1\r\n")
        #expect(match.summaryLines[1] == "  no file from 1: Hopper, Grace (grace)")
        #expect(match.summaryLines[2] == "  files with no roster student (1): zoe.yaml (student 'zoe')")
    }

    @Test func moodleParticipantsMatchByEmailAndIDNumber() throws {
        let roster = try Roster("\u{FEFF}First name;Last name;ID number;Email address;Roles;Groups\nAda;Lovelace;1815;ada@uni.example;Student;A\nAlan;Turing;;alan@uni.example;Student;B\n", file: "moodle.csv")
        #expect(roster.format == .moodle)
        #expect(roster.student(matching: "ada@uni.example")?.name == "Ada Lovelace")
        #expect(roster.student(matching: "1815")?.name == "Ada Lovelace")
        #expect(roster.student(matching: "alan")?.email == "alan@uni.example")
        #expect(roster.student(matching: "grace") == nil)
        let ex = try exercise("title: Sizes\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3}")
        let r = report(ex, [("1815.yaml", "answers: {a: 3}"), ("alan.yaml", "answers: {a: 3}")])
        #expect(MoodleCSV.render(r, roster: RosterMatch(roster: roster, report: r)) == "Email address,Sizes\r\nada@uni.example,1\r\nalan@uni.example,1\r\n")
    }

    /// Roster edge cases found by exploratory testing: a SIS Login ID that is an e-mail address
    /// matches the part before @ (bob.yaml), an id two students share is warned about, and a
    /// name with a control character is printed escaped, never as a terminal command.
    @Test func rosterLoginsThatAreAddressesSharedIdsAndControlCharacters() throws {
        let roster = try Roster("Student,ID,SIS User ID,SIS Login ID,Section\n\"Bo, Bob\",1001,S001,bob@uni.edu,A\n\"Evil\u{1B}[2J\",1002,S002,eve,A\n\"Twin, A\",1003,S003,twin,A\n\"Twin, B\",1004,S004,twin,A\n", file: "canvas.csv")
        #expect(roster.student(matching: "bob")?.name == "Bo, Bob")
        #expect(roster.shared == ["twin"])
        #expect(roster.student(matching: "twin") == nil && roster.student(matching: "S003")?.name == "Twin, A")
        let ex = try exercise("title: Sizes\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3}")
        let match = RosterMatch(roster: roster, report: report(ex, [("bob.yaml", "answers: {a: 3}")]))
        #expect(match.rows.first?.result?.student == "bob")
        let lines = match.summaryLines
        #expect(lines.contains { $0.contains("Evil\\e[2J") } && !lines.contains { $0.contains("\u{1B}") }, "\(lines)")
        #expect(lines.contains("  warning: the roster gives more than one student the id 'twin'; a file named so is matched to none of them: correct the roster"), "\(lines)")
    }

    /// A Moodle roster where one student has only an ID number and another only an e-mail: one
    /// file per kind, every cell filled. Before, both went under `Username` (S001, hana@uni.edu),
    /// which Moodle matched to nobody (found by exploratory testing); a column per kind left empty
    /// cells, which Moodle's import gives to the row before's student (found in review).
    @Test func moodleIdentifiersOfMixedKindsGetAFileEach() throws {
        let roster = try Roster("First name,Last name,ID number,Email address\nJana,Doe,S001,\nHana,Müller,,hana@uni.edu\nIvan,Novak,S003,ivan@uni.edu\n", file: "moodle5.csv")
        let ex = try exercise("title: Sizes\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3}")
        let r = report(ex, [("S001.yaml", "answers: {a: 3}"), ("hana.yaml", "answers: {a: 2}"), ("ivan.yaml", "answers: {a: 3}")])
        let files = MoodleCSV.files(r, roster: RosterMatch(roster: roster, report: r))
        #expect(files.map(\.name) == ["moodle.csv", "moodle-id-number.csv"])
        #expect(files.map(\.text) == ["Email address,Sizes\r\nhana@uni.edu,0\r\nivan@uni.edu,1\r\n", "ID number,Sizes\r\nS001,1\r\n"])
        // Everyone with an e-mail: one file, as before.
        let all = try Roster("First name,Last name,ID number,Email address\nJana,Doe,S001,jana@uni.edu\nHana,Müller,,hana@uni.edu\n", file: "m.csv")
        let r2 = report(ex, [("S001.yaml", "answers: {a: 3}"), ("hana.yaml", "answers: {a: 2}")])
        #expect(MoodleCSV.files(r2, roster: RosterMatch(roster: all, report: r2)).map(\.name) == ["moodle.csv"])
    }

    @Test(arguments: [
        ("a,b\n1,\"x, y\"\n", [["1", "x, y"]]),
        ("a,b\r\n\"say \"\"hi\"\"\",2\r\n", [["say \"hi\"", "2"]]),
        ("a\tb\n1\t2\n\n", [["1", "2"]]),
        ("a,b\n\"two\nlines\",3\n", [["two\nlines", "3"]]),
        ("a,b,c\n1\n", [["1", "", ""]]),
    ])
    func csvTablesReadQuotesSeparatorsAndShortRows(text: String, rows: [[String]]) throws {
        #expect(try CSVTable(text, file: "t.csv").rows == rows)
    }

    @Test func badRostersAreOneSentence() {
        #expect(message { _ = try Roster("a,b\n\"open,2\n", file: "r.csv") }?.contains("r.csv', line 3: a quoted field is not closed") == true)
        #expect(message { _ = try Roster("Colour,Size\nred,2\n", file: "r.csv") } == "the roster 'r.csv' has none of the columns that identify a student (SIS User ID, SIS Login ID, Username, ID number, Email address); its header is Colour, Size")
        #expect(message { _ = try Roster("Username\n", file: "r.csv") } == "the roster 'r.csv' lists no students")
    }

    /// A per-layer list with one layer left out earns the entries that line up, not 0.
    @Test func aListWithOneEntryMissingEarnsTheRest() throws {
        let ex = try shippedExercise("param-count")
        let q = try #require(ex.questions.first { $0.id == "conv-per-layer" })
        let result = Grader.grade(submission("answers: {conv-per-layer: [400, 3216, 0, 330]}"), exercise: ex)
        let graded = try #require(result.questions.first { $0.question == q.id })
        #expect(graded.status == .partial)
        #expect(graded.points == (q.points * 4 / 5 * 100).rounded() / 100)
        #expect(graded.wrongCells == [[1, 3]])
        #expect(graded.feedback.hasPrefix("4 entries given for 5 expected; 4 line up with the expected list in order (1 missing; entry without a match: [3]); first: layer 3"), "\(graded.feedback)")
        let extra = Grader.grade(submission("answers: {conv-per-layer: [400, 3216, 4640, 0, 0, 330]}"), exercise: ex)
            .questions.first { $0.question == q.id }
        #expect(extra?.status == .partial)
        #expect(extra?.points == (q.points * 5 / 6 * 100).rounded() / 100, "five of six entries line up")
        #expect(extra?.feedback.contains("(1 extra") == true)
    }

    /// Property: over seeded sizes, an answer that follows from the student's own wrong size is
    /// accepted (error carried forward), and one that follows from nothing is not.
    @Test func errorCarriedForward() throws {
        for seed in UInt64(1)...40 {
            var g = SeededGenerator(seed: seed)
            let n = Int.random(in: 6...30, using: &g), k = Int.random(in: 2...4, using: &g), k2 = Int.random(in: 1...3, using: &g)
            let yaml = """
                title: T
                questions:
                  - {id: size, kind: output-size, n: \(n), k: \(k)}
                  - {id: next, kind: output-size, n: \(n - k + 1), k: \(k2), carry_forward: {n: size}}
                """
            let ex = try exercise(yaml)
            let right = n - k + 1
            let wrong = right + 1
            let follows = Grader.grade(submission("answers: {size: \(wrong), next: \(wrong - k2 + 1)}"), exercise: ex).questions
            #expect(follows[0].correct == false, "seed \(seed)")
            #expect(follows[1].correct, "seed \(seed): n \(n) k \(k) k2 \(k2): \(follows[1].feedback)")
            #expect(follows[1].carriedForwardFrom == "size")
            #expect(follows[1].feedback == "correct for your answer to size (error carried forward)")
            let unrelated = Grader.grade(submission("answers: {size: \(wrong), next: \(wrong - k2 + 2)}"), exercise: ex).questions
            #expect(!unrelated[1].correct, "seed \(seed)")
        }
        #expect(message { _ = try exercise("title: T\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3, carry_forward: {n: b}}") }?
                    .contains("carry_forward: 'b' is not an earlier question of this exercise") == true)
        #expect(message { _ = try exercise("title: T\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3}\n  - {id: b, kind: output-size, n: 5, k: 3, carry_forward: {x: a}}") }?
                    .contains("carry_forward: 'x' is not a key of a output-size question") == true)
    }

    @Test func exercisesLoadByIdOrByPath() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("mine.yaml")
        try Data("title: Mine\nquestions:\n  - {id: a, kind: output-size, n: 5, k: 3}\n".utf8).write(to: file)
        #expect(try ExerciseDirectory.load(file.path).title == "Mine")
        #expect(try ExerciseDirectory.load(folder.appendingPathComponent("mine").path).title == "Mine")
        #expect(message { _ = try ExerciseDirectory.load(folder.appendingPathComponent("none.yaml").path) } == "the exercise file '\(folder.appendingPathComponent("none.yaml").path)' does not exist")
    }

    @Test func reviewListsEveryStudentsAnswers() throws {
        let review = ExerciseReview(try shippedExercise("output-sizes"), students: ["mia", "nils"]).text
        #expect(review.hasPrefix("exercises/output-sizes.yaml: 'Output sizes with padding and stride' is valid: 9 questions, 13 points."))
        #expect(review.contains("  8. yours-1 (output-size, 2 points, numbers per student)"))
        #expect(review.contains("  mia: valid = 3; same = 5; stride-2 = 2; mnist-conv = 11; padding-stride = 11; dilated = 28; keras-same = 14×14×16; yours-1 = "))
    }

    /// A range that gives some students impossible numbers is found before publishing.
    @Test func reviewFindsStudentsWhoseVariantFails() throws {
        // The instructor's variant (an empty id) must work for the file to load: take the first id that does.
        let yaml = "title: T\nquestions:\n  - {id: q, kind: output-size, n: {range: [1, 9]}, k: 5}"
        let ex = try #require((1...50).lazy.compactMap { try? exercise(yaml, id: "test\($0)") }.first)
        let students = (1...40).map { "s\($0)" }
        let review = ExerciseReview(ex, students: students)
        let failing = students.filter { id in (try? ex.prepared(for: id)) == nil }
        #expect(!failing.isEmpty, "the range 1…9 with k = 5 fails for some of 40 students")
        #expect(review.failures == failing)
        #expect(review.text.contains("  \(failing[0]): cannot be prepared: \(ex.file), question 'q': the kernel"))
    }

    /// The PDF sheet holds the student's own numbers and the answer file, and no question mark grid.
    @Test func pdfSheetHoldsTheStudentsNumbers() throws {
        let sheet = try ExerciseSheet(try shippedExercise("conv-5x5"), student: "jana")
        let bytes = try FigureRenderer.render(SheetPageFigure.figure(sheet), options: RenderOptions(format: .pdf))
        let strings = try PDFText.strings(in: bytes).joined(separator: "\n")
        #expect(strings.contains("Sheet of student jana"))
        #expect(strings.contains("student: jana"))
        #expect(!strings.components(separatedBy: "\n").contains("?"), "a grid of question marks")
        let again = try FigureRenderer.render(SheetPageFigure.figure(sheet), options: RenderOptions(format: .pdf))
        #expect(bytes == again, "the same sheet gives the same bytes")
        #expect(strings.contains("  output: \"<numbers, rows separated by ;>\""), "the answer file keeps its indentation")
        let paged = try FigureRenderer.render(SheetPageFigure.figure(sheet, paged: true), options: RenderOptions(format: .pdf))
        // Cairo writes each page object as "/Type /Page " (the page tree is "/Type /Pages").
        let pages = String(decoding: paged, as: UTF8.self).components(separatedBy: "/Type /Page ").count - 1
        #expect(pages >= 3, "the 9 questions of conv-5x5 take several A4 pages, got \(pages)")
        #expect(SheetPageFigure.paginate(SheetPageFigure.layout(sheet)).flatMap { $0 }.count
                <= SheetPageFigure.layout(sheet).count, "pagination only drops the gaps at page tops")
        #expect(sheet.markdown.contains("## 8. Your own 4×4 input (on your sheet), the same filter plus a bias of 1: the whole output."))
        #expect(sheet.markdown.contains("  your-input: \"<numbers, rows separated by ;>\""))
    }
}
