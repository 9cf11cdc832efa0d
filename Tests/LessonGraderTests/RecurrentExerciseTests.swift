import LessonTestSupport
import Foundation
import Testing
import LessonCore
@testable import LessonGrader

/// exercises/rnn.yaml: the engine's answers are EXAMPLES.md's numbers, and each sample
/// submission gets the points and the named mistake it was written to show.
@Suite struct RecurrentExerciseTests {
    private func answers(student: String) throws -> [String: Answer] {
        let exercise = try shippedExercise("rnn")
        var out: [String: Answer] = [:]
        for (q, p) in zip(exercise.questions, try exercise.prepared(for: student)) { out[q.id] = p.expected }
        return out
    }

    private func near(_ answer: Answer?, _ expected: [Double]) -> Bool {
        guard case .matrix(let m)? = answer, m.count == expected.count else { return false }
        return zip(m.scalars, expected).allSatisfy { abs($0 - $1) < 5e-7 }
    }

    @Test func answersAreTheReferenceNumbers() throws {
        let a = try answers(student: "ada")
        #expect(near(a["output-3"], [0.398920]))
        #expect(near(a["grad-W"], [-0.082666, 0.104506, 0.046136, -0.089345]))
        #expect(near(a["grad-U"], [0.208992, -0.331553]))
        #expect(near(a["grad-U-truncated"], [0.213402, -0.298395]))
        #expect(near(a["lstm-forget-2"], [0.582991]))
        #expect(near(a["lstm-state-2"], [0.502574]))
    }

    /// Each student draws their own inputs for state-2; the fixed questions do not change.
    @Test func stateQuestionHasPerStudentNumbers() throws {
        let ada = try answers(student: "ada"), ben = try answers(student: "ben")
        #expect(ada["state-2"] != ben["state-2"])
        #expect(ada["grad-W"] == ben["grad-W"])
    }

    @Test func submissionsGetTheirPointsAndNamedMistakes() throws {
        let files = try SubmissionFile.collect([packageRoot.appendingPathComponent("exercises/submissions/rnn").path])
        let report = Grader.grade(files: files, exercise: try shippedExercise("rnn"))
        var byName: [String: StudentResult] = [:]
        for student in report.students { byName[URL(fileURLWithPath: student.file).deletingPathExtension().lastPathComponent] = student }
        func mistake(_ file: String, _ question: String) -> String? {
            byName[file]?.questions.first { $0.question == question }?.mistake
        }
        #expect(byName["ada"]?.points == 9)
        #expect(byName["ben"]?.points == 3)
        #expect(mistake("ben", "state-2")?.hasPrefix("forgetting the recurrent path W s⁽ᵗ⁻¹⁾") == true)
        for id in ["grad-W", "grad-U", "grad-U-truncated"] {
            #expect(mistake("ben", id)?.hasPrefix("forgetting the recurrent path: the gradient stops at one step") == true, "\(id)")
        }
        #expect(byName["cleo"]?.points == 7)
        #expect(mistake("cleo", "grad-W") == "using s⁽ᵗ⁾ instead of s⁽ᵗ⁻¹⁾ in ∂E/∂W = Σ δ⁽ᵗ⁾ s⁽ᵗ⁻¹⁾ᵀ")
        #expect(byName["dan"]?.points == 2)
        for id in ["grad-W", "grad-U", "grad-U-truncated"] {
            #expect(mistake("dan", id) == "tanh′ written as 1 − s instead of 1 − s²", "\(id)")
        }
        #expect(mistake("dan", "lstm-forget-2")?.hasPrefix("the concatenation written [x⁽ᵗ⁾, ŷ⁽ᵗ⁻¹⁾]") == true)
        #expect(byName["malformed"]?.error?.contains("not valid YAML") == true)
    }

    @Test func badParametersNameTheKey() throws {
        let base: [String: ParameterValue] = ["U": .scalar("0.5; -0.3"), "W": .scalar("0.1 0.4; -0.2 0.3"), "V": .scalar("0.6 -0.5"),
                                              "inputs": .scalar("1 0.5 -1"), "target": .scalar("1")]
        func message(_ change: [String: ParameterValue]) -> String? {
            do { _ = try RNNKind.prepare(QuestionParameters(values: base.merging(change) { $1 }, location: "q")) } catch let e as InputError { return e.message } catch { return "other" }
            return nil
        }
        #expect(message([:]) == nil)
        #expect(message(["W": .scalar("1 2 3")])?.hasPrefix("q, key 'W': expected a 2×2 matrix") == true)
        #expect(message(["step": .scalar("4")]) == "q, key 'step': the sequence has steps 1 to 3, got 4")
        #expect(message(["target": .scalar("1 0")])?.hasPrefix("q, key 'target': expected 1 value") == true)
        #expect(message(["ask": .scalar("gate")])?.hasPrefix("q, key 'ask': expected state, output, loss or gradient") == true)
    }
}
