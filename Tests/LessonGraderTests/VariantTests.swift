import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// Per-student variants: drawn from the exercise and the student id, the same every time,
/// different between students, and graded with the same numbers the sheet shows.
@Suite struct VariantTests {
    let yaml = """
        title: Variants
        questions:
          - id: size
            kind: output-size
            n: {range: [20, 40]}
            k: {one_of: [3, 5, 7]}
            p: {range: [0, 2]}
            s: {range: [1, 3]}
          - id: conv
            kind: conv2d-output
            input: {random_matrix: [4, 4], range: [-3, 5]}
            kernel: "1 0; 0 -1"
        """

    @Test func theSameStudentAlwaysGetsTheSameVariant() throws {
        let ex = try exercise(yaml)
        let first = try ex.prepared(for: "anna").map(\.expected)
        let again = try exercise(yaml).prepared(for: "anna").map(\.expected)
        #expect(first == again)
        #expect(try ExerciseSheet(ex, student: "anna").text == ExerciseSheet(ex, student: "anna").text)
    }

    @Test func studentsGetDifferentVariants() throws {
        let ex = try exercise(yaml)
        let sheets = Set(try (0..<20).map { try ExerciseSheet(ex, student: "s\($0)").text })
        #expect(sheets.count >= 15, "20 students got only \(sheets.count) different sheets")
    }

    @Test func drawnValuesStayInTheirRanges() throws {
        for i in 0..<200 {
            let values = try VariantDrawer.resolve(try exercise(yaml).questions[0].parameters, exercise: "test",
                                                   student: "s\(i)", question: "size", location: "here")
            guard case .scalar(let n)? = values["n"], case .scalar(let k)? = values["k"], case .scalar(let s)? = values["s"] else {
                Issue.record("student s\(i): ranges were not drawn: \(values)"); continue
            }
            #expect((20...40).contains(Int(n) ?? 0) && ["3", "5", "7"].contains(k) && (1...3).contains(Int(s) ?? 0), "student s\(i): n \(n) k \(k) s \(s)")
        }
    }

    /// Property: each student's own right answers (the ones on their variant) get full
    /// points, and another student's answers, when they differ, do not.
    @Test func gradingUsesTheStudentsVariant() throws {
        let ex = try exercise(yaml)
        for i in 0..<50 {
            let student = "student-\(i)"
            let prepared = try ex.prepared(for: student)
            guard case .integer(let size) = prepared[0].expected, case .matrix(let m) = prepared[1].expected else {
                Issue.record("unexpected answer types"); continue
            }
            let rows = Notation.inlineMatrix(m).replacingOccurrences(of: "\u{2212}", with: "-")
            let answers = "student: \(student)\nanswers: {size: \(size), conv: \"\(rows)\"}"
            // The file name decides the student (issue 16), so the file is named after them.
            let result = Grader.grade(Submission.parse(Data(answers.utf8), file: "\(student).yaml", fallbackID: student), exercise: ex)
            #expect(result.points == 2, "\(student): \(result.questions.map(\.feedback))")
            let other = try ex.prepared(for: "someone-else")[1].expected
            if other != prepared[1].expected {
                let otherRows = other.text.replacingOccurrences(of: "\u{2212}", with: "-")
                let wrong = Grader.grade(Submission.parse(Data("answers: {conv: \"\(otherRows)\"}".utf8), file: "\(student).yaml",
                                                          fallbackID: student), exercise: ex)
                #expect(wrong.questions[1].correct == false, "\(student) was graded with another student's variant")
            }
        }
    }

    /// Ranges inside lists and mappings (a layer's weights, one layer of a stack) are drawn
    /// per student too, the same every time, and graded with the sheet's numbers.
    @Test func nestedRangesAreDrawnPerStudent() throws {
        let nested = """
            title: Nested
            questions:
              - id: rf
                kind: receptive-field
                layers: [{k: {range: [2, 7]}}, {k: 2, s: {range: [1, 3]}}, {k: 3}]
              - id: a
                kind: mlp-forward
                layers:
                  - {weights: {random_matrix: [2, 2], range: [-2, 2]}, bias: "0 0", activation: relu}
                input: "1 2"
            """
        let ex = try exercise(nested)
        #expect(ex.questions.allSatisfy { $0.hasVariants })
        let answers = try (0..<30).map { try ex.prepared(for: "s\($0)").map(\.expected) }
        #expect(Set(answers.map { $0[0].text }).count >= 4, "30 students share too few receptive fields")
        #expect(Set(answers.map { $0[1].text }).count >= 8, "30 students share too few forward passes")
        #expect(try ex.prepared(for: "s3").map(\.expected) == answers[3])
        let sheet = try ExerciseSheet(ex, student: "s3")
        let drawn = try VariantDrawer.resolve(ex.questions[0].parameters, exercise: ex.id, student: "s3", question: "rf", location: "")
        guard case .list(let layers)? = drawn["layers"], case .map(let first)? = layers.first, case .scalar(let k)? = first["k"] else {
            Issue.record("layers not drawn"); return
        }
        #expect(sheet.text.contains("layer 1: kernel \(k), stride 1"))
    }
}
